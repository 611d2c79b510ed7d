/**
 * ControllerRevisions (controller history) for StatefulSets and DaemonSets: each pod template
 * the workload has run is snapshotted as `{"spec":{"template":{…,"$patch":"replace"}}}` — the
 * patch `kubectl rollout undo` applies to go back to it — named `<workload>-<hash>`, numbered,
 * owned by the workload and labelled so that its selector finds it.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import { deepEqual } from '../../api/strategy.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import { newControllerRef } from './owner-references.ts';
import { templateOf } from './pod-control.ts';

export interface RevisionData {
  spec: { template: Record<string, unknown> };
}

/** The revision's data: the template to restore, replacing whatever template is there. */
export function revisionData(workload: KubeObject): RevisionData {
  return { spec: { template: { ...structuredClone(templateOf(workload)), $patch: 'replace' } } };
}

export function revisionNumber(revision: KubeObject): number {
  return Number(revision.revision ?? 0);
}

export function byRevision(a: KubeObject, b: KubeObject): number {
  return (
    revisionNumber(a) - revisionNumber(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1)
  );
}

export function maxRevisionNumber(revisions: KubeObject[]): number {
  return revisions.reduce((max, r) => Math.max(max, revisionNumber(r)), 0);
}

export function sameData(revision: KubeObject, data: RevisionData): boolean {
  return deepEqual(revision.data, data);
}

/** A ControllerRevision of `workload` (not yet created). */
export function newRevision(
  workload: KubeObject,
  options: { hash: string; hashLabel: string; data: RevisionData; revision: number },
): KubeObject {
  const metadata: KubeObject['metadata'] = {
    name: `${(workload.metadata.name ?? '').slice(0, 223)}-${options.hash}`,
    namespace: workload.metadata.namespace,
    labels: { ...templateOf(workload).metadata?.labels, [options.hashLabel]: options.hash },
    ownerReferences: [newControllerRef(workload)],
  };
  const annotations = workload.metadata.annotations;
  if (annotations !== undefined && Object.keys(annotations).length > 0)
    metadata.annotations = { ...annotations };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata,
    data: options.data,
    revision: options.revision,
  };
}

/**
 * Creates a revision; if the name is taken by the same data it is that revision; if taken by
 * other data (a hash collision) the caller must bump collisionCount: undefined is returned.
 */
export async function createRevision(
  client: InternalClient,
  revision: KubeObject,
): Promise<KubeObject | undefined> {
  try {
    return await client.create(revision);
  } catch (err) {
    if (!isApiError(err) || err.reason !== 'AlreadyExists') throw err;
    const existing = await client.tryGet({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      namespace: revision.metadata.namespace,
      name: revision.metadata.name ?? '',
    });
    if (existing !== undefined && deepEqual(existing.data, revision.data)) return existing;
    return undefined;
  }
}

/** Gives an existing revision a new number (a rollback to it). */
export async function renumberRevision(
  client: InternalClient,
  revision: KubeObject,
  number: number,
): Promise<KubeObject> {
  if (revisionNumber(revision) === number) return revision;
  return client.update({ ...structuredClone(revision), revision: number });
}

/** Deletes the oldest revisions no pod or status uses, beyond `limit`. */
export async function truncateHistory(
  client: InternalClient,
  revisions: KubeObject[],
  live: Set<string>,
  limit: number,
): Promise<void> {
  const history = revisions.filter((r) => !live.has(r.metadata.name ?? '')).sort(byRevision);
  for (const revision of history.slice(0, Math.max(0, history.length - limit))) {
    try {
      await client.delete({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        namespace: revision.metadata.namespace,
        name: revision.metadata.name ?? '',
      });
    } catch (err) {
      if (!isApiError(err) || err.code !== 404) throw err;
    }
  }
}
