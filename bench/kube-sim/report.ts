/** Prints the results as a small table and writes them as JSON under bench/output/. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Row = [label: string, value: string, note?: string];

export function printTable(title: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  process.stdout.write(`\n${title}\n`);
  for (const [label, value, note] of rows) {
    process.stdout.write(
      `  ${label.padEnd(width)}  ${value.padStart(valueWidth)}${note ? `  ${note}` : ''}\n`,
    );
  }
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms: number): string => `${Math.round(ms)} ms`;
export const mib = (value: number): string => `${value.toFixed(0)} MiB`;
export const perSecond = (value: number): string => `${value.toLocaleString('en-US')} /s`;

function gitRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages/kube-sim'], {
      encoding: 'utf8',
    });
    return dirty.trim() === '' ? head : `${head}+dirty`;
  } catch {
    return 'unknown';
  }
}

/** Writes `bench/output/kube-sim-scale-<time>.json`; returns its path. */
export function writeJson(outDir: string, results: Record<string, unknown>): string {
  mkdirSync(outDir, { recursive: true });
  const at = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(outDir, `kube-sim-scale-${at}.json`);
  const document = { at: new Date().toISOString(), git: gitRevision(), node: process.version, ...results };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
