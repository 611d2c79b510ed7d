/**
 * The StatefulSet controller: claims the set's pods and ControllerRevisions, runs one
 * StatefulSetSync, writes the status when it changed, and trims the revision history to
 * revisionHistoryLimit (keeping every revision a pod or the status still names).
 */
import type { KubeObject } from '../../types.ts';
import { deepEqual } from '../../api/strategy.ts';
import { truncateHistory } from './controller-history.ts';
import { controllerRefOf } from './indexed-cache.ts';
import { claimChildren } from './owner-references.ts';
import { isTerminating } from './pods.ts';
import { ordinalOf, podRevision, setSpec } from './statefulset-pods.ts';
import { statefulSetRevisions } from './statefulset-revisions.ts';
import { nextAvailability, statefulSetStatus } from './statefulset-status.ts';
import { StatefulSetSync } from './statefulset-sync.ts';
import { selects } from './selectors.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

export class StatefulSetController extends WorkloadController {
  readonly name = 'statefulset-controller';
  protected readonly component = 'statefulset-controller';
  protected readonly primary: WorkloadKind = 'statefulSets';
  protected readonly kinds: WorkloadKind[] = ['statefulSets', 'pods', 'controllerRevisions'];

  protected registerHandlers(): void {
    this.cache('statefulSets').on({
      add: (set) => this.enqueue(set),
      update: (set) => this.enqueue(set),
      delete: (set) => this.enqueue(set),
    });
    const childChanged = (child: KubeObject) => this.childChanged(child);
    this.cache('pods').on({
      add: childChanged,
      update: (pod, old) => {
        if (controllerRefOf(old)?.uid !== controllerRefOf(pod)?.uid) childChanged(old);
        childChanged(pod);
      },
      delete: childChanged,
    });
    this.cache('controllerRevisions').on({ add: childChanged, delete: childChanged });
  }

  private childChanged(child: KubeObject): void {
    const ref = controllerRefOf(child);
    const namespace = child.metadata.namespace ?? '';
    if (ref !== undefined) {
      if (ref.kind !== 'StatefulSet') return;
      const set = this.cache('statefulSets').resolve(namespace, ref);
      if (set !== undefined) this.enqueue(set);
      return;
    }
    for (const set of this.cache('statefulSets').inNamespace(namespace)) {
      if (selects(set, child)) this.enqueue(set);
    }
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const set = this.cache('statefulSets').get(namespace, name);
    if (set === undefined) return;
    const podCache = this.cache('pods');
    const pods = await claimChildren(
      this.client,
      set,
      { owned: podCache.controlledBy(set.metadata.uid), orphans: podCache.orphansIn(namespace) },
      (pod) => selects(set, pod) && ordinalOf(set, pod) >= 0,
    );
    const revisionCache = this.cache('controllerRevisions');
    const revisions = await claimChildren(
      this.client,
      set,
      { owned: revisionCache.controlledBy(set.metadata.uid), orphans: revisionCache.orphansIn(namespace) },
      (revision) => selects(set, revision),
    );
    const current = await statefulSetRevisions(this.client, set, revisions);
    const sync = new StatefulSetSync(
      { client: this.client, recorder: this.recorder, now: () => this.now() },
      set,
      current,
    );
    await sync.run(pods);
    const remaining = pods.filter((p) => !sync.deleted.has(p.metadata.name ?? ''));
    const now = this.now().getTime();
    const status = statefulSetStatus(set, remaining, current, now);
    if (!deepEqual(set.status ?? {}, status)) {
      await this.client.updateStatus({ ...structuredClone(set), status });
    }
    const live = new Set([status.currentRevision ?? '', status.updateRevision ?? '']);
    for (const pod of remaining) live.add(podRevision(pod));
    const all = [...revisions.filter((r) => r.metadata.uid !== current.update.metadata.uid), current.update];
    await truncateHistory(this.client, all, live, setSpec(set).revisionHistoryLimit ?? 10);
    const wait = nextAvailability(
      set,
      remaining.filter((p) => !isTerminating(p)),
      now,
    );
    if (wait !== undefined) this.enqueueAfter(key, wait);
  }
}
