/**
 * A DaemonSet's ControllerRevisions (constructHistory): the revision matching today's template
 * is current — renumbered past the others when it is an old one (a rollback) — or created as
 * `<ds>-<hash>` with the hash of the template; pods carry that hash in controller-revision-hash.
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
} from './controller-history.ts';
import { computeHash } from './hashing.ts';
import { templateOf } from './pod-control.ts';

export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';

export interface DaemonSetHistory {
  current: KubeObject;
  old: KubeObject[];
  hash: string;
}

/** The current revision and the old ones; undefined after a hash collision (collisionCount bumped). */
export async function daemonSetHistory(
  client: InternalClient,
  ds: KubeObject,
  revisions: KubeObject[],
): Promise<DaemonSetHistory | undefined> {
  const data = revisionData(ds);
  const matching = revisions.filter((r) => sameData(r, data)).sort(byRevision);
  const old = revisions.filter((r) => !sameData(r, data));
  const next = maxRevisionNumber(old) + 1;
  let current = matching[matching.length - 1];
  if (current === undefined) {
    const collisionCount = (ds.status as { collisionCount?: number } | undefined)?.collisionCount;
    const hash = computeHash(templateOf(ds), collisionCount);
    current = await createRevision(
      client,
      newRevision(ds, { hash, hashLabel: DAEMONSET_HASH_LABEL, data, revision: next }),
    );
    if (current === undefined) {
      await client.updateStatus({
        ...structuredClone(ds),
        status: { ...(ds.status as Record<string, unknown>), collisionCount: (collisionCount ?? 0) + 1 },
      });
      return undefined;
    }
  } else if (Number(current.revision ?? 0) < next) {
    current = await renumberRevision(client, current, next);
  }
  const hash = current.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? current.metadata.name ?? '';
  return { current, old, hash };
}
