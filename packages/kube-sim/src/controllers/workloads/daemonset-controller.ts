/**
 * The DaemonSet controller: one pod per eligible node, pinned to it with node affinity
 * (`matchFields metadata.name`) for the scheduler to bind, carrying the daemon tolerations and
 * the controller-revision-hash of the template's ControllerRevision; pods follow nodes as they
 * come, go or change labels and taints; RollingUpdate (maxUnavailable / maxSurge) or OnDelete.
 */
import type { KubeObject } from '../../types.ts';
import { deepEqual } from '../../api/strategy.ts';
import { byRevision } from './controller-history.ts';
import { daemonSetHistory, DAEMONSET_HASH_LABEL } from './daemonset-history.ts';
import { daemonTolerations, pinToNode, placementOn, targetNode } from './daemonset-placement.ts';
import { planNode, rollingUpdate, type NodePlan } from './daemonset-rollout.ts';
import { daemonSetStatus } from './daemonset-status.ts';
import { Expectations } from './expectations.ts';
import { controllerRefOf, objectKey } from './indexed-cache.ts';
import { claimChildren, ignoringGoneOrChanged } from './owner-references.ts';
import { PodControl, podFromTemplate, slowStartBatch, templateOf } from './pod-control.ts';
import { isTerminal, untilAvailable } from './pods.ts';
import { selects } from './selectors.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

/** Pods created or deleted per sync at most (the real controller's burstReplicas). */
const BURST_REPLICAS = 250;
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

export class DaemonSetController extends WorkloadController {
  readonly name = 'daemonset-controller';
  protected readonly component = 'daemonset-controller';
  protected readonly primary: WorkloadKind = 'daemonSets';
  protected readonly kinds: WorkloadKind[] = ['daemonSets', 'pods', 'nodes', 'controllerRevisions'];
  private readonly expectations = new Expectations();
  private podControl!: PodControl;

  protected registerHandlers(): void {
    this.podControl = new PodControl(this.client, this.recorder);
    this.cache('daemonSets').on({
      add: (ds) => this.enqueue(ds),
      update: (ds) => this.enqueue(ds),
      delete: (ds) => {
        this.expectations.forget(objectKey(ds));
        this.enqueue(ds);
      },
    });
    this.cache('pods').on({
      add: (pod) => this.podChanged(pod, 'add'),
      update: (pod, old) => {
        if (controllerRefOf(old)?.uid !== controllerRefOf(pod)?.uid) this.podChanged(old, 'update');
        this.podChanged(
          pod,
          pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined
            ? 'delete'
            : 'update',
        );
      },
      delete: (pod) => this.podChanged(pod, 'delete'),
    });
    const everyDaemonSet = () => {
      for (const ds of this.cache('daemonSets').all()) this.enqueue(ds);
    };
    this.cache('nodes').on({
      add: everyDaemonSet,
      update: (node, old) => {
        if (placementInputsChanged(node, old)) everyDaemonSet();
      },
      delete: everyDaemonSet,
    });
  }

  private podChanged(pod: KubeObject, change: 'add' | 'update' | 'delete'): void {
    const ref = controllerRefOf(pod);
    const namespace = pod.metadata.namespace ?? '';
    if (ref === undefined) {
      for (const ds of this.cache('daemonSets').inNamespace(namespace))
        if (selects(ds, pod)) this.enqueue(ds);
      return;
    }
    if (ref.kind !== 'DaemonSet') return;
    const ds = this.cache('daemonSets').resolve(namespace, ref);
    if (ds === undefined) return;
    if (change === 'add' && pod.metadata.deletionTimestamp === undefined)
      this.expectations.creationObserved(objectKey(ds));
    if (change === 'delete') this.expectations.deletionObserved(objectKey(ds), objectKey(pod));
    this.enqueue(ds);
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ds = this.cache('daemonSets').get(namespace, name);
    if (ds === undefined) {
      this.expectations.forget(key);
      return;
    }
    const podCache = this.cache('pods');
    const pods = await claimChildren(
      this.client,
      ds,
      { owned: podCache.controlledBy(ds.metadata.uid), orphans: podCache.orphansIn(namespace) },
      (pod) => selects(ds, pod),
    );
    if (ds.metadata.deletionTimestamp !== undefined) return;
    const revisionCache = this.cache('controllerRevisions');
    const revisions = await claimChildren(
      this.client,
      ds,
      { owned: revisionCache.controlledBy(ds.metadata.uid), orphans: revisionCache.orphansIn(namespace) },
      (revision) => selects(ds, revision),
    );
    const history = await daemonSetHistory(this.client, ds, revisions);
    if (history === undefined) return;
    const nodes = this.cache('nodes').all();
    const now = this.now().getTime();
    if (this.expectations.satisfied(key)) {
      await this.manage(key, ds, nodes, nodeToPods(pods), history.hash, now);
    }
    await this.cleanupHistory(ds, history.old, pods);
    const status = daemonSetStatus(
      ds,
      nodes,
      nodeToPods(pods.filter((p) => p.metadata.deletionTimestamp === undefined)),
      history.hash,
      now,
    );
    if (!deepEqual(ds.status ?? {}, status))
      await this.client.updateStatus({ ...structuredClone(ds), status });
    const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0;
    const waits = pods
      .map((p) => untilAvailable(p, minReady, now))
      .filter((w): w is number => w !== undefined);
    if (waits.length > 0) this.enqueueAfter(key, Math.min(...waits));
  }

  private async manage(
    key: string,
    ds: KubeObject,
    nodes: KubeObject[],
    byNode: Map<string, KubeObject[]>,
    hash: string,
    now: number,
  ): Promise<void> {
    const plan: NodePlan = { create: [], remove: [], failed: [] };
    const desiredNodes: string[] = [];
    const known = new Set<string>();
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      known.add(nodeName);
      const placement = placementOn(ds, node);
      if (placement.shouldRun) desiredNodes.push(nodeName);
      planNode(ds, nodeName, placement, byNode.get(nodeName), hash, now, plan);
    }
    // Pods for nodes that no longer exist: nothing will ever run them (PodGC removes the rest).
    for (const [nodeName, pods] of byNode) {
      if (!known.has(nodeName))
        plan.remove.push(...pods.filter((p) => p.metadata.deletionTimestamp === undefined));
    }
    for (const { pod, node } of plan.failed) {
      void this.recorder.event(
        ds,
        'Warning',
        'FailedDaemonPod',
        `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`,
      );
    }
    await this.syncNodes(key, ds, plan.remove, plan.create, hash);
    if (plan.create.length > 0 || plan.remove.length > 0 || !this.expectations.satisfied(key)) return;
    const update = rollingUpdate(ds, byNode, desiredNodes, hash, now);
    await this.syncNodes(key, ds, update.remove, update.create, hash);
  }

  private async syncNodes(
    key: string,
    ds: KubeObject,
    remove: KubeObject[],
    create: string[],
    hash: string,
  ): Promise<void> {
    const toCreate = create.slice(0, BURST_REPLICAS);
    const toRemove = [...new Map(remove.map((p) => [objectKey(p), p])).values()].slice(0, BURST_REPLICAS);
    if (toCreate.length === 0 && toRemove.length === 0) return;
    const record = this.expectations;
    record.set(key, toCreate.length, toRemove.map(objectKey));
    const template = daemonPodTemplate(ds, hash);
    const created = await slowStartBatch(toCreate.length, async (index) => {
      const pod = podFromTemplate(template, ds, { generateName: `${ds.metadata.name}-` });
      const spec = pod.spec as Record<string, unknown>;
      spec.affinity = pinToNode(spec.affinity as Parameters<typeof pinToNode>[0], toCreate[index] ?? '');
      try {
        await this.podControl.create(ds, pod);
      } catch (err) {
        record.creationObserved(key);
        throw err;
      }
    });
    for (let i = 0; i < created.skipped; i++) record.creationObserved(key);
    await Promise.all(
      toRemove.map(async (pod) => {
        const deleted = await ignoringGoneOrChanged(() => this.podControl.delete(ds, pod));
        if (deleted !== true) record.deletionObserved(key, objectKey(pod));
      }),
    );
    if (created.error !== undefined) this.retryLater(key);
  }

  private async cleanupHistory(ds: KubeObject, old: KubeObject[], pods: KubeObject[]): Promise<void> {
    const limit = (ds.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit ?? 10;
    const live = new Set(pods.map((p) => p.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? ''));
    let excess = old.length - limit;
    for (const revision of [...old].sort(byRevision)) {
      if (excess <= 0) break;
      if (live.has(revision.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? '')) continue;
      await ignoringGoneOrChanged(() =>
        this.client.delete({
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          namespace: revision.metadata.namespace,
          name: revision.metadata.name ?? '',
        }),
      );
      excess--;
    }
  }
}

/** util.CreatePodTemplate: the daemon tolerations, the revision hash and template generation. */
function daemonPodTemplate(ds: KubeObject, hash: string): ReturnType<typeof templateOf> {
  const template = structuredClone(templateOf(ds));
  const spec = (template.spec ??= {});
  spec.tolerations = daemonTolerations(spec);
  const labels: Record<string, string> = { ...template.metadata?.labels };
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION];
  if (generation !== undefined) labels['pod-template-generation'] = generation;
  labels[DAEMONSET_HASH_LABEL] = hash;
  template.metadata = { ...template.metadata, labels };
  return template;
}

/** Pods by the node they run on or are pinned to; finished pods being deleted are left out. */
function nodeToPods(pods: KubeObject[]): Map<string, KubeObject[]> {
  const result = new Map<string, KubeObject[]>();
  for (const pod of pods) {
    if (isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
    const node = targetNode(pod);
    if (node === undefined) continue;
    const list = result.get(node);
    if (list === undefined) result.set(node, [pod]);
    else list.push(pod);
  }
  return result;
}

function placementInputsChanged(node: KubeObject, old: KubeObject): boolean {
  const spec = (n: KubeObject) => (n.spec ?? {}) as { taints?: unknown; unschedulable?: unknown };
  return (
    !deepEqual(node.metadata.labels ?? {}, old.metadata.labels ?? {}) ||
    !deepEqual(spec(node).taints ?? [], spec(old).taints ?? []) ||
    spec(node).unschedulable !== spec(old).unschedulable
  );
}
