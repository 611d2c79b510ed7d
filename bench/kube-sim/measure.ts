/** Timing and memory helpers: wall time in ms, memory after a full GC, medians. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/**
 * A full GC, also without --expose-gc: the flag can be set at run time, and a fresh context then
 * sees `gc` (the bench stays runnable as plain `node bench/kube-sim/scale.ts`).
 */
export function fullGc(): void {
  const global = globalThis as { gc?: () => void };
  if (global.gc === undefined) {
    setFlagsFromString('--expose-gc');
    global.gc = runInNewContext('gc') as () => void;
  }
  global.gc();
}

export interface MemorySample {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

export function memoryAfterGc(): MemorySample {
  fullGc();
  fullGc();
  const usage = process.memoryUsage();
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    heapTotalMiB: mib(usage.heapTotal),
    externalMiB: mib(usage.external),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Lets sockets and timers run between bursts of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
