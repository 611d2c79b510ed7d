/**
 * Deployment bookkeeping shared by the rollout steps (deploymentutil): revisions, the
 * pod-template-hash, the annotations a Deployment passes to its ReplicaSets, fenceposts.
 */
import type { KubeObject } from '../../types.ts';
import { deepEqual } from '../../api/strategy.ts';
import { computeHash } from './hashing.ts';
import { resolveFenceposts } from './int-or-percent.ts';
import { creationTime } from './pods.ts';
import { specReplicas, statusOf } from './replicaset-status.ts';
import { templateOf } from './pod-control.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Annotations a Deployment keeps to itself (never copied to its ReplicaSets, nor back on undo). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export interface RsStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastTransitionTime?: string;
  }>;
}

export function revisionOf(object: KubeObject): number {
  const value = Number(object.metadata.annotations?.[REVISION] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

export function maxRevision(replicaSets: KubeObject[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** The pod-template-hash of a Deployment's current template. */
export function templateHash(deployment: KubeObject): string {
  return computeHash(templateOf(deployment), collisionCount(deployment));
}

export function collisionCount(deployment: KubeObject): number | undefined {
  return statusOf<{ collisionCount: number }>(deployment).collisionCount;
}

function withoutHash(template: ReturnType<typeof templateOf>): unknown {
  const copy = structuredClone(template);
  if (copy.metadata?.labels !== undefined) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** deploymentutil.EqualIgnoreHash: the templates differ at most by their pod-template-hash label. */
export function equalIgnoreHash(rs: KubeObject, deployment: KubeObject): boolean {
  return deepEqual(withoutHash(templateOf(rs)), withoutHash(templateOf(deployment)));
}

export function byCreation(a: KubeObject, b: KubeObject): number {
  const diff = creationTime(a) - creationTime(b);
  if (diff !== 0) return diff;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** The ReplicaSet running the Deployment's current template; the oldest if several do. */
export function findNewReplicaSet(deployment: KubeObject, replicaSets: KubeObject[]): KubeObject | undefined {
  return [...replicaSets].sort(byCreation).find((rs) => equalIgnoreHash(rs, deployment));
}

export function isRollingUpdate(deployment: KubeObject): boolean {
  return strategyOf(deployment).type !== 'Recreate';
}

export function strategyOf(deployment: KubeObject): {
  type?: string;
  rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown };
} {
  return ((deployment.spec ?? {}) as { strategy?: ReturnType<typeof strategyOf> }).strategy ?? {};
}

export function maxSurge(deployment: KubeObject): number {
  if (!isRollingUpdate(deployment)) return 0;
  const rolling = strategyOf(deployment).rollingUpdate ?? {};
  return resolveFenceposts(rolling.maxSurge, rolling.maxUnavailable, specReplicas(deployment)).surge;
}

export function maxUnavailable(deployment: KubeObject): number {
  if (!isRollingUpdate(deployment)) return 0;
  const rolling = strategyOf(deployment).rollingUpdate ?? {};
  const { unavailable } = resolveFenceposts(
    rolling.maxSurge,
    rolling.maxUnavailable,
    specReplicas(deployment),
  );
  return Math.min(unavailable, specReplicas(deployment));
}

export const rsStatus = (rs: KubeObject | undefined): RsStatus =>
  rs === undefined ? {} : statusOf<RsStatus>(rs);

/** Σ spec.replicas: the pods the ReplicaSets are asked for. */
export function specTotal(replicaSets: Array<KubeObject | undefined>): number {
  return replicaSets.reduce((sum, rs) => sum + (rs === undefined ? 0 : specReplicas(rs)), 0);
}

export function statusTotal(replicaSets: Array<KubeObject | undefined>, field: keyof RsStatus): number {
  return replicaSets.reduce((sum, rs) => sum + Number(rsStatus(rs)[field] ?? 0), 0);
}

export function activeReplicaSets(replicaSets: Array<KubeObject | undefined>): KubeObject[] {
  return replicaSets.filter((rs): rs is KubeObject => rs !== undefined && specReplicas(rs) > 0);
}

function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

export const desiredReplicasAnnotation = (rs: KubeObject) => intAnnotation(rs, DESIRED_REPLICAS);
export const maxReplicasAnnotation = (rs: KubeObject) => intAnnotation(rs, MAX_REPLICAS);

/** Sets desired-replicas / max-replicas; true when they changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of [
    [DESIRED_REPLICAS, String(desired)],
    [MAX_REPLICAS, String(max)],
  ] as const) {
    if (annotations[key] !== value) {
      annotations[key] = value;
      changed = true;
    }
  }
  return changed;
}

/**
 * deploymentutil.SetNewReplicaSetAnnotations: the Deployment's own annotations, the new revision
 * (keeping the revisions this ReplicaSet had before in revision-history, as a rollback does),
 * and the replica annotations when the ReplicaSet is about to be created.
 */
export function setNewReplicaSetAnnotations(
  deployment: KubeObject,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevision = annotations[REVISION];
  if (oldRevision === undefined || Number(oldRevision) < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = annotations[REVISION_HISTORY];
      annotations[REVISION_HISTORY] = history ? `${history},${oldRevision}` : oldRevision;
    }
  }
  if (!exists) {
    const desired = specReplicas(deployment);
    if (setReplicasAnnotations(rs, desired, desired + maxSurge(deployment))) changed = true;
  }
  return changed;
}

/** The Deployment has been fully rolled out to its current generation. */
export function deploymentComplete(deployment: KubeObject, status: DeploymentStatus): boolean {
  const replicas = specReplicas(deployment);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0)
  );
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  collisionCount?: number;
  conditions?: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastUpdateTime?: string;
    lastTransitionTime?: string;
  }>;
}

export function progressDeadlineSeconds(deployment: KubeObject): number | undefined {
  const value = (deployment.spec as { progressDeadlineSeconds?: number } | undefined)
    ?.progressDeadlineSeconds;
  return value === undefined || value === 2147483647 ? undefined : value;
}

export function isPaused(deployment: KubeObject): boolean {
  return (deployment.spec as { paused?: boolean } | undefined)?.paused === true;
}
