/**
 * The unit-test cluster of the workload controllers: an in-memory core with only the workload
 * controllers installed (no real scheduler or kubelet), a TestKubelet acting for them, and
 * small readers for what the tests assert on — pods, events, objects.
 */
import type { KubeObject } from '../../../types.ts';
import { startTestCore, type TestCore } from '../../../testing/test-core.ts';
import type { InternalClient } from '../../../client/internal-client.ts';
import type { ClusterExtension } from '../../../cluster/extensions.ts';
import { workloadControllersExtension } from '../extension.ts';
import { TestKubelet, type PodFate } from './test-kubelet.ts';

export interface WorkloadTestCluster extends TestCore {
  client: InternalClient;
  kubelet: TestKubelet;
  create(object: KubeObject): Promise<KubeObject>;
  get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<KubeObject | undefined>;
  /** Pods of the namespace matching a label selector string, not being deleted. */
  pods(labelSelector?: string, namespace?: string): Promise<KubeObject[]>;
  list(apiVersion: string, kind: string, labelSelector?: string, namespace?: string): Promise<KubeObject[]>;
  /** `reason: message` of the events about an object, oldest first. */
  events(object: KubeObject): Promise<string[]>;
}

export async function startWorkloadTestCluster(
  options: { nodes?: number; fate?: (pod: KubeObject) => PodFate; extensions?: ClusterExtension[] } = {},
): Promise<WorkloadTestCluster> {
  const extensions = [workloadControllersExtension, ...(options.extensions ?? [])];
  const t = await startTestCore({ nodes: options.nodes ?? 2, extensions });
  const client = t.core.client;
  const kubelet = new TestKubelet(t.core, options.fate);
  await kubelet.start();
  const list = async (apiVersion: string, kind: string, labelSelector?: string, namespace = 'default') =>
    (await client.list({ apiVersion, kind }, { namespace, ...(labelSelector ? { labelSelector } : {}) }))
      .items;
  return {
    ...t,
    client,
    kubelet,
    create: (object) => client.create(object),
    get: (apiVersion, kind, name, namespace = 'default') =>
      client.tryGet({ apiVersion, kind, name, namespace }),
    list,
    pods: async (labelSelector, namespace) =>
      (await list('v1', 'Pod', labelSelector, namespace)).filter(
        (p) => p.metadata.deletionTimestamp === undefined,
      ),
    events: async (object) => {
      const events = await list('v1', 'Event', undefined, object.metadata.namespace ?? 'default');
      return events
        .filter((e) => (e.involvedObject as { uid?: string }).uid === object.metadata.uid)
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => `${String(e.reason)}: ${String(e.message)}`);
    },
    stop: async () => {
      kubelet.stop();
      await t.stop();
    },
  };
}
