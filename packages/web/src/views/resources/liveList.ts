import type { KubeObject } from '../../api/kubeTypes';
import type { WatchEvent } from '../../api/stream';
import type { SortField } from '../../models/columns';

/** The server's reading of an object's status, for sorting (list-view.ts `statusOf`). */
export function statusKey(object: KubeObject): string {
  const status = object.status as
    { phase?: string; conditions?: { type?: string; status?: string }[] } | undefined;
  if (status?.phase) return status.phase;
  const condition = status?.conditions?.find((c) => c.type === 'Ready' || c.type === 'Available');
  return condition ? `${condition.type}=${condition.status}` : '';
}

export interface ListView {
  search: string;
  /** `name`, `-creationTimestamp`…, as the server takes it. */
  sort: string;
  pageSize: number;
}

function sortKey(object: KubeObject, field: SortField): [string, string, string] {
  const { name, namespace = '' } = object.metadata;
  const value =
    field === 'name'
      ? name
      : field === 'namespace'
        ? namespace
        : field === 'creationTimestamp'
          ? (object.metadata.creationTimestamp ?? '')
          : statusKey(object);
  return [value, namespace, name];
}

/** Orders objects exactly as the server's list does, so a live insert lands where a reload would put it. */
export function compareObjects(sort: string): (a: KubeObject, b: KubeObject) => number {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as SortField;
  return (a, b) => {
    const [ka, kb] = [sortKey(a, field), sortKey(b, field)];
    for (let i = 0; i < 3; i++) {
      if (ka[i]! !== kb[i]!) return (ka[i]! < kb[i]! ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  };
}

export function objectKey(object: KubeObject): string {
  return object.metadata.uid ?? `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function matchesSearch(object: KubeObject, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return !needle || object.metadata.name.toLowerCase().includes(needle);
}

/**
 * One watch event applied to the page on screen: objects replaced in place, new ones inserted
 * where the server would sort them (if they belong on this page), deleted ones removed. Returns
 * the new page and how the total changed.
 */
export function applyWatchEvent(
  items: KubeObject[],
  event: WatchEvent,
  view: ListView,
): { items: KubeObject[]; totalDelta: number } {
  const key = objectKey(event.object);
  const index = items.findIndex((item) => objectKey(item) === key);
  const matches = matchesSearch(event.object, view.search);
  if (event.type === 'DELETED') {
    if (index >= 0) return { items: items.filter((_, i) => i !== index), totalDelta: -1 };
    return { items, totalDelta: matches ? -1 : 0 };
  }
  if (index >= 0) {
    const next = [...items];
    next[index] = event.object;
    return { items: next.sort(compareObjects(view.sort)), totalDelta: 0 };
  }
  // A MODIFIED object we do not show lives on another page: nothing to do here.
  if (event.type !== 'ADDED' || !matches) return { items, totalDelta: 0 };
  const next = [...items, event.object].sort(compareObjects(view.sort));
  // A full page pushes its last object to the next page (which may be the new one itself).
  if (next.length > view.pageSize) next.pop();
  return { items: next, totalDelta: 1 };
}

/** Kubernetes resourceVersions are opaque, but numeric in every cluster Atrium talks to. */
export function isNewer(resourceVersion: string, than: string): boolean {
  const [a, b] = [Number(resourceVersion), Number(than)];
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : true;
}
