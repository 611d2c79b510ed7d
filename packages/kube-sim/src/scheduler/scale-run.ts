/**
 * Measures the node side at scale: N nodes (seedScale), then P pending pods created through the
 * API; reports how long until every pod is bound and Running, and the memory used.
 *
 *   node packages/kube-sim/src/scheduler/scale-run.ts [nodes=1000] [pods=30000]
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ClusterCore } from '../cluster/cluster-core.ts';
import { seedScale } from '../cluster/scale-seed.ts';
import { namespaceObject } from '../cluster/bootstrap-objects.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import { nodeSimulation } from '../nodes/node-side-extension.ts';

const [nodes = 1000, pods = 30_000] = process.argv.slice(2).map(Number);
const core = new ClusterCore({ name: 'scale', caPem: 'scale-ca', watchHistorySize: 20_000 });
await core.bootstrap({ nodes: 1, apiServerPort: 6443 });
const started = Date.now();
await seedScale(core, { nodes });
const args = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'scale-run' } };
const podKind = core.api.kind('', 'v1', 'pods');
const nsKind = core.api.kind('', 'v1', 'namespaces');
for (let i = 0; i < pods; i++) {
  const namespace = `scale-${Math.floor(i / 1000)}`;
  if (i % 1000 === 0) core.api.create(nsKind, '', namespaceObject(namespace), args);
  core.api.create(
    podKind,
    namespace,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `app-${i}`, namespace, labels: { app: `app-${i % 50}` } },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'registry.k8s.io/pause:3.10',
            resources: { requests: { cpu: '10m', memory: '16Mi' } },
          },
        ],
      },
    },
    args,
  );
  if (i % 500 === 0) await yieldToEventLoop();
}
const created = Date.now();
let running: number;
let bound: number;
for (;;) {
  running = 0;
  bound = 0;
  for (const pod of core.store.list(podKind.storageKey)) {
    if ((pod.spec as { nodeName?: string }).nodeName) bound++;
    if ((pod.status as { phase?: string } | undefined)?.phase === 'Running') running++;
  }
  if (running >= pods) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const done = Date.now();
await nodeSimulation(core)?.settle();
global.gc?.();
const memory = process.memoryUsage();
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MiB`;
console.log(
  JSON.stringify({
    nodes,
    pods,
    bound,
    running,
    seedAndCreateSeconds: (created - started) / 1000,
    untilAllRunningSeconds: (done - created) / 1000,
    rss: mib(memory.rss),
    heapUsed: mib(memory.heapUsed),
    events: core.store.count(core.api.kind('', 'v1', 'events').storageKey),
  }),
);
await core.stop();
process.exit(0);
