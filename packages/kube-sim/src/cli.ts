#!/usr/bin/env node
/**
 * kube-sim CLI: starts N simulated clusters and runs until SIGINT/SIGTERM.
 *
 *   kube-sim --clusters N --nodes M [--names a,b] [--port P] [--out DIR] [--seed demo]
 *            [--scale nodes=…,pods=…] [--http] [--host H]
 *
 * Prints one line per cluster: `name url kubeconfig-path`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startCluster, type Cluster } from './cluster/start-cluster.ts';
import type { ScaleTarget } from './cluster/scale-seed.ts';
import { seedScaleWorkloads } from './seed/scale-workloads.ts';

const USAGE = `usage: kube-sim [--clusters N] [--nodes M] [--names a,b] [--port P] [--host H] [--out DIR]
                [--seed demo] [--scale nodes=1000,pods=30000] [--gpu-nodes N] [--http]`;

export interface CliOptions {
  clusters: number;
  nodes: number;
  names: string[];
  port: number;
  host: string;
  out: string;
  seed?: string;
  scale?: ScaleTarget;
  https: boolean;
  /** Worker nodes with nvidia.com/gpu (default 0). */
  gpuNodes: number;
}

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      clusters: { type: 'string' },
      nodes: { type: 'string' },
      names: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'gpu-nodes': { type: 'string' },
      http: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) throw new UsageError(USAGE);
  const names =
    values.names === undefined
      ? []
      : values.names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
  const clusters = integer('--clusters', values.clusters ?? String(Math.max(1, names.length)));
  for (let i = names.length; i < clusters; i++) names.push(`sim-${i + 1}`);
  const options: CliOptions = {
    clusters,
    nodes: integer('--nodes', values.nodes ?? '1'),
    names: names.slice(0, clusters),
    port: integer('--port', values.port ?? '0'),
    host: values.host ?? '127.0.0.1',
    out: resolve(values.out ?? '.kube-sim'),
    https: values.http !== true,
    gpuNodes: integer('--gpu-nodes', values['gpu-nodes'] ?? '0'),
  };
  if (values.seed !== undefined) {
    if (values.seed !== 'demo')
      throw new UsageError(`--seed: unknown seed ${JSON.stringify(values.seed)} (known: demo)\n${USAGE}`);
    options.seed = values.seed;
  }
  if (values.scale !== undefined) options.scale = parseScale(values.scale);
  return options;
}

class UsageError extends Error {}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} must be a non-negative integer, got ${JSON.stringify(value)}\n${USAGE}`);
  return Number(value);
}

function parseScale(text: string): ScaleTarget {
  const target: ScaleTarget = {};
  for (const part of text.split(',')) {
    const [key, value = ''] = part.split('=');
    if (key === 'nodes') target.nodes = integer('--scale nodes', value);
    else if (key === 'pods') target.pods = integer('--scale pods', value);
    else throw new UsageError(`--scale takes nodes=N,pods=M, got ${JSON.stringify(part)}`);
  }
  return target;
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  const clusters: Cluster[] = [];
  for (const [i, name] of options.names.entries()) {
    const cluster = await startCluster({
      name,
      host: options.host,
      port: options.port === 0 ? 0 : options.port + i,
      https: options.https,
      nodes: options.nodes,
      gpuNodes: options.gpuNodes,
      outDir: options.out,
      ...(options.seed === 'demo' ? { seed: 'demo' as const } : {}),
    });
    clusters.push(cluster);
    process.stdout.write(`${name} ${cluster.url} ${cluster.kubeconfigPath ?? ''}\n`);
  }
  if (options.scale !== undefined) {
    for (const cluster of clusters) {
      const started = Date.now();
      const result = await seedScaleWorkloads(cluster.core, options.scale);
      process.stderr.write(
        `kube-sim: ${cluster.name}: ${result.nodes} nodes, ${result.pods} pods of ${result.deployments} deployments in ${result.namespaces} namespaces in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
      );
    }
  }
  const shutdown = async (): Promise<void> => {
    await Promise.all(clusters.map((c) => c.stop()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `${err instanceof UsageError ? err.message : String(err instanceof Error ? err.stack : err)}\n`,
    );
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
