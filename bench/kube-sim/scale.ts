/**
 * kube-sim scale benchmark: ONE cluster over HTTPS (as Atrium reaches it) with 1,000 nodes and
 * 30,000 pods by default. Measures start, time until settled (detected by a watch), memory after
 * a GC, `kubectl get pods -A`, a paged client-node list, a burst of label patches to a watch of
 * all pods, and the per-write cost against baselines measured in the same run.
 *
 *   node_modules/.bin/node bench/kube-sim/scale.ts [--nodes 1000 --pods 30000] [--help]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../packages/kube-sim/src/index.ts';
import { seedScaleWorkloads } from '../../packages/kube-sim/src/seed/scale-workloads.ts';
import { parseBenchArgs } from './args.ts';
import { TABLE_ACCEPT, rawListPods, type RawListResult } from './raw-list.ts';
import { seedPendingPods } from './pending-pods.ts';
import { listAllPods } from './client-node-list.ts';
import { kubectlGetPods } from './kubectl-list.ts';
import { memoryAfterGc, timed } from './measure.ts';
import { runMicroBenchmark } from './micro-writes.ts';
import { watchPodReadiness } from './pod-readiness.ts';
import { mib, millis, perSecond, printTable, seconds, writeJson, type Row } from './report.ts';
import { watchBurst } from './watch-burst.ts';

const options = parseBenchArgs(process.argv.slice(2));
const results: Record<string, unknown> = { options };

async function scaleCluster(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-bench-'));
  const rows: Row[] = [];
  try {
    const start = await timed(() => startCluster({ name: 'bench', outDir: join(dir, 'out') }));
    const cluster = start.value;
    rows.push(['start cluster (HTTPS)', seconds(start.ms)]);
    try {
      const readiness = watchPodReadiness(cluster.client, options.pods);
      const seedStart = performance.now();
      const target = { nodes: options.nodes, pods: options.pods };
      // `workloads` is what `kube-sim --scale` seeds: Deployments, ReplicaSets and their pods.
      const seeded =
        options.seed === 'pending'
          ? await seedPendingPods(cluster.core, target)
          : await seedScaleWorkloads(cluster.core, target);
      const seedMs = performance.now() - seedStart;
      let timeout: NodeJS.Timeout | undefined;
      const settledAt = await Promise.race([
        readiness.settled,
        new Promise<undefined>((resolve) => {
          timeout = setTimeout(() => resolve(undefined), options.settleTimeoutSeconds * 1000);
        }),
      ]);
      clearTimeout(timeout);
      readiness.stop();
      const settleMs = settledAt === undefined ? undefined : settledAt - seedStart;
      rows.push([
        `seed ${seeded.nodes} nodes + ${seeded.pods} pods`,
        seconds(seedMs),
        'deployments' in seeded
          ? `${seeded.deployments} Deployments in ${seeded.namespaces} namespaces`
          : `Pending pods in ${seeded.namespaces} namespaces, for the scheduler and kubelet`,
      ]);
      rows.push(
        settleMs === undefined
          ? ['settled', 'NOT SETTLED', JSON.stringify(readiness.counts())]
          : ['settled (all pods Running+Ready)', seconds(settleMs), 'from seed start, seen by a watch'],
      );
      if (settleMs !== undefined) rows.push(['start + settle', seconds(start.ms + settleMs)]);
      // Every write takes one resourceVersion: this counts all writes since the cluster started.
      const writes = cluster.core.store.currentVersion();
      rows.push(['writes until settled', writes.toLocaleString('en-US'), 'the resourceVersion']);
      const memory = memoryAfterGc();
      rows.push(['RSS after GC', mib(memory.rssMiB)], ['heap used after GC', mib(memory.heapUsedMiB)]);
      results.scale = { ...seeded, seed: options.seed, startMs: start.ms, seedMs, settleMs, writes, memory };

      const kubeconfigPath = cluster.kubeconfigPath ?? '';
      if (options.kubectl) {
        const home = join(dir, 'home');
        const cold = await kubectlGetPods(kubeconfigPath, home);
        const warm = await kubectlGetPods(kubeconfigPath, home);
        for (const [name, run] of [
          ['cold', cold],
          ['warm', warm],
        ] as const) {
          rows.push([
            `kubectl get pods -A (${name})`,
            millis(run.ms),
            run.exitCode === 0 ? `${run.rows} rows` : `exit ${run.exitCode}: ${run.stderr}`,
          ]);
        }
        results.kubectl = { cold, warm };
      }

      const rawLists: Record<string, RawListResult> = {};
      for (const [name, accept] of [
        ['Table (kubectl)', TABLE_ACCEPT],
        ['JSON', 'application/json'],
      ] as const) {
        const raw = await rawListPods(cluster.url, cluster.adminToken, cluster.caPem ?? '', accept);
        rows.push([
          `raw HTTPS pages, ${name}, limit=500`,
          millis(raw.ms),
          `${raw.pages} pages, ${raw.mebibytes} MiB, not decoded: the server's share`,
        ]);
        rawLists[name] = raw;
      }
      results.rawList = rawLists;

      const k8s = await import('@kubernetes/client-node');
      const kc = new k8s.KubeConfig();
      kc.loadFromString(cluster.kubeconfig);
      const list = await listAllPods(kc.makeApiClient(k8s.CoreV1Api), 500);
      rows.push([
        'client-node list pods, limit=500',
        millis(list.ms),
        `${list.items} items, ${list.pages} pages`,
      ]);
      results.clientNodeList = list;

      if (options.burst > 0) {
        const burst = await watchBurst(cluster, kc, list.resourceVersion, options.burst, options.watchers);
        rows.push([
          `watch burst: ${burst.changes} changes → ${burst.watchers} watcher(s)`,
          millis(burst.ms),
          `patches ${millis(burst.patchMs)}, ${perSecond(burst.eventsPerSecond)} events`,
        ]);
        results.watchBurst = burst;
      }
    } finally {
      await cluster.stop();
    }
  } finally {
    printTable(`kube-sim scale: ${options.nodes} nodes, ${options.pods} pods (seed: ${options.seed})`, rows);
    await rm(dir, { recursive: true, force: true });
  }
}

async function microBenchmark(): Promise<void> {
  const micro = await runMicroBenchmark(options.microPods, options.microRounds);
  results.micro = micro;
  const row = (label: string, rates: typeof micro.pipeline): Row => [
    label,
    perSecond(rates.writesPerSecond),
    `creates ${perSecond(rates.createsPerSecond)}, status updates ${perSecond(rates.statusUpdatesPerSecond)}`,
  ];
  printTable(
    `per-write cost: ${micro.pods} pod creates + ${2 * micro.pods} status updates, median of ${micro.rounds}`,
    [
      row('pipeline (internal client)', micro.pipeline),
      row('pipeline without managedFields', micro.withoutManagedFields),
      row('clone + store (no pipeline)', micro.cloneAndStore),
      ['pipeline ÷ without managedFields', micro.pipelineVsNoManagedFields.toFixed(2)],
      ['pipeline ÷ clone + store', micro.pipelineVsCloneStore.toFixed(2)],
    ],
  );
}

if (!options.microOnly) await scaleCluster();
if (options.microPods > 0) await microBenchmark();
process.stdout.write(`\nresults: ${writeJson(options.outDir, results)}\n`);
