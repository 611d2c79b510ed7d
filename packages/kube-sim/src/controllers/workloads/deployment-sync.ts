/**
 * One sync of one Deployment: its working copy, its ReplicaSets, and the writes every rollout
 * step shares — finding or creating the new ReplicaSet with its revision, scaling a ReplicaSet
 * with the ScalingReplicaSet event, saving the Deployment's revision annotation and status.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import { deepEqual } from '../../api/strategy.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import { deploymentCondition, findCondition, setCondition } from './conditions.ts';
import {
  POD_TEMPLATE_HASH,
  REVISION,
  findNewReplicaSet,
  maxRevision,
  maxSurge,
  progressDeadlineSeconds,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specTotal,
  templateHash,
  equalIgnoreHash,
  type DeploymentStatus,
} from './deployment-util.ts';
import { controllerRefOf } from './indexed-cache.ts';
import { newControllerRef } from './owner-references.ts';
import { errorMessage, templateOf } from './pod-control.ts';
import { minReadySeconds, specReplicas } from './replicaset-status.ts';

export interface DeploymentEnvironment {
  client: InternalClient;
  recorder: EventRecorder;
  now(): Date;
  /** The ReplicaSet cache, to recognise our own ReplicaSet after an AlreadyExists. */
  getReplicaSet(namespace: string, name: string): KubeObject | undefined;
}

export class DeploymentSync {
  readonly env: DeploymentEnvironment;
  /** The Deployment being synced, a private copy updated as writes succeed. */
  deployment: KubeObject;
  replicaSets: KubeObject[];
  /** What the API holds, so save() writes only what changed. */
  private readonly stored: { revision?: string; status: unknown };

  constructor(env: DeploymentEnvironment, deployment: KubeObject, replicaSets: KubeObject[]) {
    this.env = env;
    this.deployment = structuredClone(deployment);
    this.replicaSets = replicaSets;
    this.stored = {
      revision: deployment.metadata.annotations?.[REVISION],
      status: structuredClone(deployment.status ?? {}),
    };
  }

  /** Every ReplicaSet of the Deployment as last written, the new one included. */
  allReplicaSets(newRS: KubeObject | undefined): KubeObject[] {
    const others = this.replicaSets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    return newRS === undefined ? others : [...others, this.latest(newRS)];
  }

  /** The last written version of one of the Deployment's ReplicaSets. */
  latest(rs: KubeObject): KubeObject {
    return this.replicaSets.find((r) => r.metadata.uid === rs.metadata.uid) ?? rs;
  }

  get status(): DeploymentStatus {
    return (this.deployment.status ?? {}) as DeploymentStatus;
  }

  /** The new ReplicaSet (created when asked and missing) and the old ones, revisions in sync. */
  async replicaSetsWithRevision(create: boolean): Promise<{ newRS?: KubeObject; oldRSs: KubeObject[] }> {
    const existing = findNewReplicaSet(this.deployment, this.replicaSets);
    const oldRSs = this.replicaSets.filter((rs) => rs !== existing);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing !== undefined) return { newRS: await this.syncExisting(existing, newRevision), oldRSs };
    if (!create) return { oldRSs };
    return { newRS: await this.createNewReplicaSet(oldRSs, newRevision), oldRSs };
  }

  private async syncExisting(rs: KubeObject, newRevision: number): Promise<KubeObject> {
    const copy = structuredClone(rs);
    const annotationsChanged = setNewReplicaSetAnnotations(this.deployment, copy, newRevision, true);
    const spec = copy.spec as { minReadySeconds?: number };
    if (annotationsChanged || minReadySeconds(copy) !== minReadySeconds(this.deployment)) {
      spec.minReadySeconds = minReadySeconds(this.deployment);
      if (spec.minReadySeconds === 0) delete spec.minReadySeconds;
      return this.updateReplicaSet(copy);
    }
    this.setRevision(copy.metadata.annotations?.[REVISION] ?? '');
    if (
      progressDeadlineSeconds(this.deployment) !== undefined &&
      !findCondition(this.status.conditions, 'Progressing')
    ) {
      this.setCondition(
        'Progressing',
        'True',
        'FoundNewReplicaSet',
        `Found new replica set "${copy.metadata.name}"`,
      );
    }
    await this.save();
    return copy;
  }

  private async createNewReplicaSet(
    oldRSs: KubeObject[],
    newRevision: number,
  ): Promise<KubeObject | undefined> {
    const d = this.deployment;
    const hash = templateHash(d);
    const template = structuredClone(templateOf(d));
    const templateMeta = (template.metadata ??= {});
    templateMeta.labels = { ...templateMeta.labels, [POD_TEMPLATE_HASH]: hash };
    const selector = structuredClone((d.spec as { selector?: Record<string, unknown> }).selector ?? {});
    selector.matchLabels = {
      ...(selector.matchLabels as Record<string, string> | undefined),
      [POD_TEMPLATE_HASH]: hash,
    };
    const spec: Record<string, unknown> = { replicas: 0, selector, template };
    if (minReadySeconds(d) > 0) spec.minReadySeconds = minReadySeconds(d);
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...templateMeta.labels },
        ownerReferences: [newControllerRef(d)],
      },
      spec,
    };
    const replicas = newReplicaSetReplicas(d, [...oldRSs, rs], rs);
    spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: KubeObject;
    try {
      created = await this.env.client.create(rs);
    } catch (err) {
      if (isApiError(err) && err.reason === 'AlreadyExists') return this.resolveCollision(rs);
      const message = `Failed to create new replica set "${rs.metadata.name}": ${errorMessage(err)}`;
      if (progressDeadlineSeconds(d) !== undefined) {
        this.setCondition('Progressing', 'False', 'ReplicaSetCreateError', message);
        await this.save();
      }
      void this.env.recorder.event(d, 'Warning', 'ReplicaSetCreateError', message);
      throw err;
    }
    if (replicas > 0) this.scalingEvent('up', created.metadata.name ?? '', 0, replicas);
    this.setRevision(String(newRevision));
    if (progressDeadlineSeconds(d) !== undefined) {
      this.setCondition(
        'Progressing',
        'True',
        'NewReplicaSetCreated',
        `Created new replica set "${created.metadata.name}"`,
      );
    }
    await this.save();
    this.replicaSets = [...this.replicaSets, created];
    return created;
  }

  /**
   * A ReplicaSet of that name exists: ours when we own it and it runs our template (the cache
   * was behind); otherwise a hash collision, resolved by bumping collisionCount and retrying.
   */
  private async resolveCollision(wanted: KubeObject): Promise<KubeObject | undefined> {
    const d = this.deployment;
    const found = this.env.getReplicaSet(d.metadata.namespace ?? '', wanted.metadata.name ?? '');
    if (found !== undefined && controllerRefOf(found)?.uid === d.metadata.uid && equalIgnoreHash(found, d))
      return found;
    if (found === undefined) return undefined; // not in the cache yet: the next sync sees it
    (d.status as DeploymentStatus).collisionCount = (this.status.collisionCount ?? 0) + 1;
    await this.save();
    return undefined;
  }

  /** Scales a ReplicaSet (and its replica annotations), with the ScalingReplicaSet event. */
  async scaleReplicaSet(rs: KubeObject, replicas: number): Promise<{ scaled: boolean; rs: KubeObject }> {
    const current = specReplicas(rs);
    const copy = structuredClone(rs);
    const desired = specReplicas(this.deployment);
    const annotationsChanged = setReplicasAnnotations(copy, desired, desired + maxSurge(this.deployment));
    if (current === replicas && !annotationsChanged) return { scaled: false, rs };
    (copy.spec as { replicas: number }).replicas = replicas;
    const updated = await this.updateReplicaSet(copy);
    if (current !== replicas) {
      this.scalingEvent(replicas > current ? 'up' : 'down', rs.metadata.name ?? '', current, replicas);
    }
    return { scaled: current !== replicas, rs: updated };
  }

  private scalingEvent(direction: 'up' | 'down', name: string, from: number, to: number): void {
    void this.env.recorder.event(
      this.deployment,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${direction} replica set ${name} from ${from} to ${to}`,
    );
  }

  private async updateReplicaSet(rs: KubeObject): Promise<KubeObject> {
    const updated = await this.env.client.update(rs);
    this.replicaSets = this.replicaSets.map((r) => (r.metadata.uid === updated.metadata.uid ? updated : r));
    return updated;
  }

  setCondition(type: string, status: string, reason: string, message: string): void {
    const d = this.deployment;
    const current = (d.status ??= {}) as DeploymentStatus;
    current.conditions = setCondition(
      current.conditions ?? [],
      deploymentCondition(type, status, reason, message, this.env.now()),
    );
  }

  private setRevision(revision: string): void {
    const annotations = (this.deployment.metadata.annotations ??= {});
    annotations[REVISION] = revision;
  }

  /**
   * Persists the revision annotation (a metadata change: it does not bump the generation) and
   * the status, each only when it changed.
   */
  async save(): Promise<void> {
    await this.saveAnnotation();
    await this.saveStatus();
  }

  private async saveAnnotation(): Promise<void> {
    const revision = this.deployment.metadata.annotations?.[REVISION];
    if (revision === this.stored.revision || revision === undefined) return;
    const d = this.deployment;
    const updated = await this.env.client.patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: d.metadata.namespace,
        name: d.metadata.name ?? '',
      },
      'merge',
      { metadata: { annotations: { [REVISION]: revision }, resourceVersion: d.metadata.resourceVersion } },
    );
    d.metadata = structuredClone(updated.metadata);
    this.stored.revision = revision;
  }

  private async saveStatus(): Promise<void> {
    if (deepEqual(this.stored.status, this.deployment.status ?? {})) return;
    const updated = await this.env.client.updateStatus(this.deployment);
    this.deployment.metadata = structuredClone(updated.metadata);
    this.stored.status = structuredClone(this.deployment.status ?? {});
  }
}

/** deploymentutil.NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newReplicaSetReplicas(
  deployment: KubeObject,
  allRSs: KubeObject[],
  newRS: KubeObject,
): number {
  const desired = specReplicas(deployment);
  const current = specReplicas(newRS);
  if ((deployment.spec as { strategy?: { type?: string } }).strategy?.type === 'Recreate') return desired;
  const maxTotal = desired + maxSurge(deployment);
  const total = specTotal(allRSs);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, desired - current);
}
