/**
 * Per-write cost: N pod creates and 2·N status updates (a kubelet's two) through the internal
 * client — the whole pipeline: clone, admission, validation, managedFields, store, watch fan-out
 * to the built-in controllers. Measured in the same run against two baselines:
 *  - "no managedFields": the same pipeline with managedFields tracking switched off, which shows
 *    what tracking costs;
 *  - "clone + store": the same objects cloned and put into a bare ObjectStore (resourceVersion,
 *    freeze, history, no pipeline), the floor any write pays.
 * Variants alternate round by round so that noise from other processes hits all of them alike.
 */
import { ClusterCore, type KubeObject } from '../../packages/kube-sim/src/index.ts';
import type { Modules } from '../../packages/kube-sim/src/api/modules.ts';
import { patchEngine } from '../../packages/kube-sim/src/api/wiring.ts';
import { ObjectStore } from '../../packages/kube-sim/src/store/object-store.ts';
import { timestamp } from '../../packages/kube-sim/src/api/request-context.ts';
import { median, yieldToEventLoop } from './measure.ts';
import { benchPod, creatingStatus, runningStatus } from './pod-fixtures.ts';

export interface WriteRates {
  createsPerSecond: number;
  statusUpdatesPerSecond: number;
  writesPerSecond: number;
}

export interface MicroResult {
  pods: number;
  rounds: number;
  pipeline: WriteRates;
  withoutManagedFields: WriteRates;
  cloneAndStore: WriteRates;
  /** pipeline writes/s ÷ clone+store writes/s. */
  pipelineVsCloneStore: number;
  /** pipeline writes/s ÷ no-managedFields writes/s. */
  pipelineVsNoManagedFields: number;
}

interface Writer {
  create(pod: KubeObject): Promise<KubeObject>;
  updateStatus(pod: KubeObject): Promise<KubeObject>;
  stop(): Promise<void>;
}

const NAMESPACE = 'micro';
const YIELD_EVERY = 250;

async function pipelineWriter(modules: Partial<Modules>): Promise<Writer> {
  // No extensions: the scheduler and kubelet would race the benchmark's own status updates.
  const core = new ClusterCore({ name: 'micro', caPem: 'bench', modules, extensions: [] });
  await core.bootstrap({ nodes: 1, apiServerPort: 6443 });
  const client = core.client.withIdentity({ fieldManager: 'kubelet' });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  return {
    create: (pod) => client.create(pod),
    updateStatus: (pod) => client.updateStatus(pod),
    stop: () => core.stop(),
  };
}

/** Clone + put into a bare store: what a write costs without any API semantics. */
function cloneAndStoreWriter(): Writer {
  const store = new ObjectStore({ historySize: 20_000 });
  let uid = 0;
  return {
    create: async (pod) => {
      const object = structuredClone(pod);
      object.metadata.uid = `uid-${++uid}`;
      object.metadata.creationTimestamp = timestamp(new Date());
      return store.put('/pods', object);
    },
    updateStatus: async (pod) => {
      const object = structuredClone(pod);
      delete object.metadata.resourceVersion;
      return store.put('/pods', object);
    },
    stop: async () => {},
  };
}

async function runOnce(writer: Writer, pods: number): Promise<{ createMs: number; statusMs: number }> {
  const created: KubeObject[] = [];
  const at = timestamp(new Date());
  let start = performance.now();
  for (let i = 0; i < pods; i++) {
    created.push(await writer.create(benchPod(NAMESPACE, i)));
    if (i % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  const createMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < pods; i++) {
    const pod = created[i] as KubeObject;
    const creating = await writer.updateStatus(creatingStatus(pod, at));
    created[i] = await writer.updateStatus(runningStatus(creating, i, at));
    if (i % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  const statusMs = performance.now() - start;
  await writer.stop();
  await yieldToEventLoop();
  return { createMs, statusMs };
}

function rates(pods: number, runs: Array<{ createMs: number; statusMs: number }>): WriteRates {
  const createMs = median(runs.map((r) => r.createMs));
  const statusMs = median(runs.map((r) => r.statusMs));
  const totalMs = median(runs.map((r) => r.createMs + r.statusMs));
  return {
    createsPerSecond: Math.round((pods / createMs) * 1000),
    statusUpdatesPerSecond: Math.round(((2 * pods) / statusMs) * 1000),
    writesPerSecond: Math.round(((3 * pods) / totalMs) * 1000),
  };
}

export async function runMicroBenchmark(pods: number, rounds: number): Promise<MicroResult> {
  const variants = {
    pipeline: () => pipelineWriter({}),
    withoutManagedFields: () =>
      pipelineWriter({ patch: { ...patchEngine, updateManagedFields: (args) => args.updated } }),
    cloneAndStore: async () => cloneAndStoreWriter(),
  };
  const runs: Record<keyof typeof variants, Array<{ createMs: number; statusMs: number }>> = {
    pipeline: [],
    withoutManagedFields: [],
    cloneAndStore: [],
  };
  // One warm-up round each so that all variants run optimized code.
  for (const make of Object.values(variants)) await runOnce(await make(), Math.min(pods, 500));
  for (let round = 0; round < rounds; round++) {
    for (const [name, make] of Object.entries(variants) as Array<
      [keyof typeof variants, () => Promise<Writer>]
    >) {
      runs[name].push(await runOnce(await make(), pods));
    }
  }
  const pipeline = rates(pods, runs.pipeline);
  const withoutManagedFields = rates(pods, runs.withoutManagedFields);
  const cloneAndStore = rates(pods, runs.cloneAndStore);
  return {
    pods,
    rounds,
    pipeline,
    withoutManagedFields,
    cloneAndStore,
    pipelineVsCloneStore: round2(pipeline.writesPerSecond / cloneAndStore.writesPerSecond),
    pipelineVsNoManagedFields: round2(pipeline.writesPerSecond / withoutManagedFields.writesPerSecond),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
