/**
 * A StatefulSet's current and update revisions: the update revision is the ControllerRevision
 * of today's template — reused (and renumbered, for a rollback) when an earlier revision holds
 * the same template, created otherwise, with collisionCount bumped on a hash collision.
 */
import type { KubeObject } from '../../types.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import {
  byRevision,
  createRevision,
  maxRevisionNumber,
  newRevision,
  renumberRevision,
  revisionData,
  sameData,
  type RevisionData,
} from './controller-history.ts';
import { computeHash } from './hashing.ts';

export const STATEFULSET_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface StatefulSetRevisions {
  current: KubeObject;
  update: KubeObject;
  collisionCount: number;
}

export async function statefulSetRevisions(
  client: InternalClient,
  set: KubeObject,
  existing: KubeObject[],
): Promise<StatefulSetRevisions> {
  const revisions = [...existing].sort(byRevision);
  const status = (set.status ?? {}) as { collisionCount?: number; currentRevision?: string };
  let collisionCount = status.collisionCount ?? 0;
  const data = revisionData(set);
  const next = maxRevisionNumber(revisions) + 1;
  const equal = revisions.filter((r) => sameData(r, data));
  const latest = revisions[revisions.length - 1];
  const lastEqual = equal[equal.length - 1];
  let update: KubeObject | undefined;
  if (lastEqual !== undefined && lastEqual === latest) update = lastEqual;
  else if (lastEqual !== undefined) update = await renumberRevision(client, lastEqual, next);
  else {
    for (let attempt = 0; update === undefined && attempt < 10; attempt++) {
      update = await createRevision(client, candidate(set, data, next, collisionCount));
      if (update === undefined) collisionCount++;
    }
  }
  if (update === undefined) throw new Error(`no free ControllerRevision name for ${set.metadata.name}`);
  const current = revisions.find((r) => r.metadata.name === status.currentRevision) ?? update;
  return { current, update, collisionCount };
}

function candidate(
  set: KubeObject,
  data: RevisionData,
  revision: number,
  collisionCount: number,
): KubeObject {
  const hash = computeHash(data, collisionCount);
  return newRevision(set, { hash, hashLabel: STATEFULSET_HASH_LABEL, data, revision });
}

/** The set as it was at a revision: its template replaced by the revision's. */
export function setAtRevision(set: KubeObject, revision: KubeObject): KubeObject {
  const template = structuredClone((revision.data as RevisionData).spec.template);
  delete template.$patch;
  return { ...set, spec: { ...(set.spec as Record<string, unknown>), template } };
}
