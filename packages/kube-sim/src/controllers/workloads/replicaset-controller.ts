/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods matching the selector, adopting
 * matching orphans and releasing pods that stopped matching; creates at most 500 pods per sync
 * (burstReplicas) in slow-start batches and deletes the least valuable pods first; reports
 * replicas / fullyLabeled / ready / available (minReadySeconds) and a ReplicaFailure condition
 * when the API refuses its pods (a full ResourceQuota, for example).
 */
import type { KubeObject } from '../../types.ts';
import { Expectations } from './expectations.ts';
import { controllerRefOf, objectKey } from './indexed-cache.ts';
import { claimChildren } from './owner-references.ts';
import { PodControl, errorMessage, podFromTemplate, slowStartBatch, templateOf } from './pod-control.ts';
import { podsToDelete } from './pod-deletion-order.ts';
import { isActive, isReady } from './pods.ts';
import {
  computeReplicaSetStatus,
  minReadySeconds,
  nextAvailabilityIn,
  specReplicas,
  statusChanged,
} from './replicaset-status.ts';
import { selects } from './selectors.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

/** Pods created or deleted per sync at most (kube-controller-manager's burstReplicas). */
export const BURST_REPLICAS = 500;

export class ReplicaSetController extends WorkloadController {
  readonly name = 'replicaset-controller';
  protected readonly component = 'replicaset-controller';
  protected readonly primary: WorkloadKind = 'replicaSets';
  protected readonly kinds: WorkloadKind[] = ['replicaSets', 'pods'];
  private readonly expectations = new Expectations();
  private podControl!: PodControl;

  protected registerHandlers(): void {
    this.podControl = new PodControl(this.client, this.recorder);
    this.cache('replicaSets').on({
      add: (rs) => this.enqueue(rs),
      update: (rs) => this.enqueue(rs),
      delete: (rs) => {
        this.expectations.forget(objectKey(rs));
        this.enqueue(rs);
      },
    });
    this.cache('pods').on({
      add: (pod) => this.podAdded(pod),
      update: (pod, old) => this.podUpdated(pod, old),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  private ownerOf(pod: KubeObject): KubeObject | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return undefined;
    return this.cache('replicaSets').resolve(pod.metadata.namespace ?? '', ref);
  }

  private enqueueSelecting(pod: KubeObject): void {
    for (const rs of this.cache('replicaSets').inNamespace(pod.metadata.namespace ?? '')) {
      if (selects(rs, pod)) this.enqueue(rs);
    }
  }

  private podAdded(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp !== undefined) return this.podDeleted(pod);
    const ref = controllerRefOf(pod);
    if (ref === undefined) return this.enqueueSelecting(pod);
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    this.expectations.creationObserved(objectKey(rs));
    this.enqueue(rs);
  }

  private podUpdated(pod: KubeObject, old: KubeObject): void {
    if (pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined) {
      // A graceful deletion started: the controller counts the pod as gone from now on.
      this.podDeleted(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    const oldRef = controllerRefOf(old);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid) {
      const previous = this.ownerOf(old);
      if (previous !== undefined) this.enqueue(previous);
    }
    if (ref !== undefined) {
      const rs = this.ownerOf(pod);
      if (rs !== undefined) this.enqueue(rs);
      return;
    }
    const labelsChanged = JSON.stringify(pod.metadata.labels) !== JSON.stringify(old.metadata.labels);
    if (labelsChanged || oldRef !== undefined) this.enqueueSelecting(pod);
  }

  private podDeleted(pod: KubeObject): void {
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    this.expectations.deletionObserved(objectKey(rs), objectKey(pod));
    this.enqueue(rs);
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.cache('replicaSets').get(namespace, name);
    if (rs === undefined) {
      this.expectations.forget(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const pods = this.cache('pods');
    const active = await claimChildren(
      this.client,
      rs,
      {
        owned: pods.controlledBy(rs.metadata.uid).filter(isActive),
        orphans: pods.orphansIn(namespace).filter(isActive),
      },
      (pod) => selects(rs, pod),
    );
    let failure: { reason: string; message: string } | undefined;
    if (needsSync && rs.metadata.deletionTimestamp === undefined) {
      failure = await this.manageReplicas(key, rs, active);
      if (failure !== undefined) this.retryLater(key);
    }
    const now = this.now();
    const status = computeReplicaSetStatus(rs, active, failure, now);
    if (statusChanged(rs, status)) {
      await this.client.updateStatus({ ...structuredClone(rs), status });
    }
    const minReady = minReadySeconds(rs);
    if (failure === undefined && minReady > 0 && active.some(isReady)) {
      const wait = nextAvailabilityIn(active, minReady, now.getTime());
      if (wait !== undefined) this.enqueueAfter(key, wait);
    }
  }

  /** Creates or deletes pods towards spec.replicas; returns the failure to report, if any. */
  private async manageReplicas(
    key: string,
    rs: KubeObject,
    active: KubeObject[],
  ): Promise<{ reason: string; message: string } | undefined> {
    const diff = active.length - specReplicas(rs);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, count);
      const template = templateOf(rs);
      const result = await slowStartBatch(count, async () => {
        try {
          await this.podControl.create(
            rs,
            podFromTemplate(template, rs, { generateName: `${rs.metadata.name}-` }),
          );
        } catch (err) {
          this.expectations.creationObserved(key);
          throw err;
        }
      });
      for (let i = 0; i < result.skipped; i++) this.expectations.creationObserved(key);
      if (result.error !== undefined) return { reason: 'FailedCreate', message: errorMessage(result.error) };
      return undefined;
    }
    if (diff > 0) {
      const victims = podsToDelete(
        active,
        this.relatedPods(rs, active),
        Math.min(diff, BURST_REPLICAS),
        this.now().getTime(),
      );
      this.expectations.expectDeletions(key, victims.map(objectKey));
      const results = await Promise.allSettled(
        victims.map(async (pod) => {
          try {
            if (!(await this.podControl.delete(rs, pod)))
              this.expectations.deletionObserved(key, objectKey(pod));
          } catch (err) {
            this.expectations.deletionObserved(key, objectKey(pod));
            throw err;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) return { reason: 'FailedDelete', message: errorMessage(failed.reason) };
    }
    return undefined;
  }

  /** The active pods of every ReplicaSet sharing this one's owner (a Deployment's rollout). */
  private relatedPods(rs: KubeObject, own: KubeObject[]): KubeObject[] {
    const owner = controllerRefOf(rs);
    if (owner === undefined) return own;
    const pods = this.cache('pods');
    return this.cache('replicaSets')
      .controlledBy(owner.uid)
      .flatMap((sibling) =>
        sibling.metadata.uid === rs.metadata.uid ? own : pods.controlledBy(sibling.metadata.uid),
      );
  }
}
