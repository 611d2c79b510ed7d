/**
 * One sync of a StatefulSet (stateful_set_control): pods `<set>-0…n-1` created in order — with
 * OrderedReady each only once its predecessors are Running and Ready, all at once with
 * Parallel — surplus ordinals removed from the highest down, failed pods replaced, and with
 * RollingUpdate the pods of other revisions deleted from the highest ordinal down to the
 * partition, one at a time, each after its successors came back healthy.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import { errorMessage } from './pod-control.ts';
import { isAvailable, isReady, isTerminating, podPhase } from './pods.ts';
import {
  claimsFor,
  identityMatches,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  setSpec,
  startOrdinal,
  withIdentity,
} from './statefulset-pods.ts';
import { setAtRevision, type StatefulSetRevisions } from './statefulset-revisions.ts';

export interface StatefulSetEnvironment {
  client: InternalClient;
  recorder: EventRecorder;
  now(): Date;
}

const runningAndReady = (pod: KubeObject) => podPhase(pod) === 'Running' && isReady(pod);
const healthy = (pod: KubeObject) => runningAndReady(pod) && !isTerminating(pod);

export class StatefulSetSync {
  private readonly env: StatefulSetEnvironment;
  private readonly set: KubeObject;
  private readonly revisions: StatefulSetRevisions;
  private readonly monotonic: boolean;
  /** Pods deleted during this sync: they no longer count in the status. */
  readonly deleted = new Set<string>();

  constructor(env: StatefulSetEnvironment, set: KubeObject, revisions: StatefulSetRevisions) {
    this.env = env;
    this.set = set;
    this.revisions = revisions;
    this.monotonic = setSpec(set).podManagementPolicy !== 'Parallel';
  }

  async run(pods: KubeObject[]): Promise<void> {
    const set = this.set;
    const start = startOrdinal(set);
    const count = setSpec(set).replicas ?? 1;
    const slots: Array<KubeObject | undefined> = new Array(count).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const pod of pods) {
      const ordinal = ordinalOf(set, pod);
      if (ordinal >= start && ordinal < start + count) slots[ordinal - start] = pod;
      else if (ordinal >= 0) condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    if (set.metadata.deletionTimestamp !== undefined) return;
    const firstUnhealthy = [...slots, ...condemned].find((p) => p !== undefined && !healthy(p));
    for (let i = 0; i < slots.length; i++) {
      if (await this.processReplica(slots[i], start + i)) return;
    }
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (this.monotonic) return;
        continue;
      }
      if (this.monotonic && firstUnhealthy !== undefined && firstUnhealthy !== pod) return;
      await this.deletePod(pod, true);
      if (this.monotonic) return;
    }
    await this.rollingUpdate(slots);
  }

  /** Returns true when the sync must stop here (OrderedReady waiting for this pod). */
  private async processReplica(pod: KubeObject | undefined, ordinal: number): Promise<boolean> {
    if (pod === undefined) {
      await this.createPod(this.versionedPod(ordinal));
      return this.monotonic;
    }
    const phase = podPhase(pod);
    if (phase === 'Failed' || phase === 'Succeeded') {
      // A finished pod of a StatefulSet is restarted whatever its exit code: delete, recreate.
      if (!isTerminating(pod)) await this.deletePod(pod, false);
      return this.monotonic;
    }
    if (phase === 'Pending') await this.createClaims(pod, ordinal);
    if (this.monotonic && (isTerminating(pod) || !runningAndReady(pod))) return true;
    const minReady = setSpec(this.set).minReadySeconds ?? 0;
    if (this.monotonic && !isAvailable(pod, minReady, this.env.now().getTime())) return true;
    if (!identityMatches(this.set, pod)) {
      await this.env.client.update(withIdentity(this.set, pod));
      this.event(
        'Normal',
        'SuccessfulUpdate',
        `update Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} successful`,
      );
    }
    return false;
  }

  /** Ordinals below the partition stay at the current revision; the others get the update. */
  private versionedPod(ordinal: number): KubeObject {
    const { current, update } = this.revisions;
    const strategy = setSpec(this.set).updateStrategy ?? {};
    const currentReplicas = Number(
      (this.set.status as { currentReplicas?: number } | undefined)?.currentReplicas ?? 0,
    );
    const start = startOrdinal(this.set);
    const keepCurrent =
      strategy.type !== 'OnDelete' &&
      (strategy.rollingUpdate === undefined
        ? ordinal < start + currentReplicas
        : ordinal < start + (strategy.rollingUpdate.partition ?? 0));
    const revision = keepCurrent ? current : update;
    return newStatefulSetPod(setAtRevision(this.set, revision), ordinal, revision.metadata.name ?? '');
  }

  private async rollingUpdate(slots: Array<KubeObject | undefined>): Promise<void> {
    const strategy = setSpec(this.set).updateStrategy ?? {};
    if (strategy.type === 'OnDelete') return;
    const partition = strategy.rollingUpdate?.partition ?? 0;
    for (let target = slots.length - 1; target >= partition; target--) {
      const pod = slots[target];
      if (pod === undefined) continue;
      if (podRevision(pod) !== this.revisions.update.metadata.name && !isTerminating(pod)) {
        await this.deletePod(pod, false);
        return;
      }
      if (!healthy(pod)) return;
    }
  }

  private async createPod(pod: KubeObject): Promise<void> {
    const ordinal = ordinalOf(this.set, pod);
    await this.createClaims(pod, ordinal);
    const what = `Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name}`;
    try {
      await this.env.client.create(pod);
      this.event('Normal', 'SuccessfulCreate', `create ${what} successful`);
    } catch (err) {
      if (isApiError(err) && err.reason === 'AlreadyExists') return;
      this.event('Warning', 'FailedCreate', `create ${what} failed error: ${errorMessage(err)}`);
      throw err;
    }
  }

  private async createClaims(pod: KubeObject, ordinal: number): Promise<void> {
    const retention = setSpec(this.set).persistentVolumeClaimRetentionPolicy ?? {};
    for (const claim of claimsFor(this.set, ordinal)) {
      const ref = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name ?? '',
      };
      if ((await this.env.client.tryGet(ref)) !== undefined) continue;
      if (retention.whenDeleted === 'Delete') {
        claim.metadata.ownerReferences = [ownerRef(this.set)];
      }
      const what = `Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name}`;
      try {
        await this.env.client.create(claim);
        this.event('Normal', 'SuccessfulCreate', `create ${what} success`);
      } catch (err) {
        if (isApiError(err) && err.reason === 'AlreadyExists') continue;
        this.event(
          'Warning',
          'FailedCreate',
          `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} failed error: ${errorMessage(err)}`,
        );
        throw err;
      }
    }
  }

  /** Deletes a pod; a condemned one (scaled away) hands its claims to the pod when whenScaled=Delete. */
  private async deletePod(pod: KubeObject, condemned: boolean): Promise<void> {
    if (condemned && setSpec(this.set).persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
      await this.giveClaimsTo(pod);
    }
    const what = `Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name}`;
    try {
      await this.env.client.delete({
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name ?? '',
      });
      this.deleted.add(pod.metadata.name ?? '');
      this.event('Normal', 'SuccessfulDelete', `delete ${what} successful`);
    } catch (err) {
      if (isApiError(err) && err.code === 404) return;
      this.event('Warning', 'FailedDelete', `delete ${what} failed error: ${errorMessage(err)}`);
      throw err;
    }
  }

  private async giveClaimsTo(pod: KubeObject): Promise<void> {
    for (const claim of claimsFor(this.set, ordinalOf(this.set, pod))) {
      const ref = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name ?? '',
      };
      const existing = await this.env.client.tryGet(ref);
      if (
        existing === undefined ||
        existing.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)
      )
        continue;
      const next = structuredClone(existing);
      next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRef(pod)];
      await this.env.client.update(next);
    }
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.env.recorder.event(this.set, type, reason, message);
  }
}

function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    blockOwnerDeletion: true,
  };
}
