import { createHash } from 'node:crypto';
import { validationFailed } from '../../core/errors/errors.ts';
import type { KubeObject } from '../cache/resource-ref.ts';

export const SORT_FIELDS = ['name', 'namespace', 'creationTimestamp', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ListView {
  /** Case-insensitive substring of the name. */
  search?: string;
  /** A sort field, `-` in front for descending; `name` by default. */
  sort?: string;
  limit?: number;
  continue?: string;
}

export interface ViewPage {
  items: KubeObject[];
  /** Empty on the last page. */
  continue: string;
  /** How many objects match, over all pages. */
  total: number;
}

type SortKey = [string, string, string];

/** What a user reads as an object's status: its phase, else its Ready/Available condition. */
export function statusOf(object: KubeObject): string {
  const status = object['status'] as
    { phase?: string; conditions?: { type?: string; status?: string }[] } | undefined;
  if (status?.phase) return status.phase;
  const condition = status?.conditions?.find((c) => c.type === 'Ready' || c.type === 'Available');
  return condition ? `${condition.type}=${condition.status}` : '';
}

function parseSort(sort: string | undefined): { field: SortField; descending: boolean } {
  const raw = sort ?? 'name';
  const descending = raw.startsWith('-');
  const field = (descending ? raw.slice(1) : raw) as SortField;
  if (!SORT_FIELDS.includes(field)) {
    throw validationFailed('sort', `sort must be one of ${SORT_FIELDS.join(', ')} (prefix - to reverse)`);
  }
  return { field, descending };
}

function keyOf(object: KubeObject, field: SortField): SortKey {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace ?? '';
  const value =
    field === 'name'
      ? name
      : field === 'namespace'
        ? namespace
        : field === 'creationTimestamp'
          ? (object.metadata?.creationTimestamp ?? '')
          : statusOf(object);
  return [value, namespace, name];
}

function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 3; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

interface ContinueToken {
  /** Which query the token continues: the same filters and sort, or it means nothing. */
  q: string;
  /** The sort key of the last object returned. */
  k: SortKey;
}

function encode(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decode(text: string, query: string): SortKey {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (token.q === query && Array.isArray(token.k) && token.k.length === 3) return token.k;
  } catch {
    // Falls through to the error below.
  }
  throw validationFailed('continue', 'continue does not belong to this list; start again without it');
}

/** Identifies the query a continue token belongs to: everything but the page position. */
function queryFingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/**
 * Search, sort and page over a snapshot from the cache. The continue token is a keyset cursor
 * (the last returned object's sort key): it needs no server state, survives other replicas and
 * never repeats or skips an object that stays put while the user pages.
 */
export function viewOf(objects: KubeObject[], view: ListView, query: Record<string, unknown>): ViewPage {
  const { field, descending } = parseSort(view.sort);
  const needle = view.search?.trim().toLowerCase();
  const matching = needle
    ? objects.filter((o) => (o.metadata?.name ?? '').toLowerCase().includes(needle))
    : objects;
  const direction = descending ? -1 : 1;
  const keyed = matching.map((object) => ({ object, key: keyOf(object, field) }));
  keyed.sort((a, b) => direction * compare(a.key, b.key));
  // Hashed only when a token is read or made: most lists are one page.
  const tokenQuery = () => queryFingerprint({ ...query, sort: view.sort ?? 'name', search: needle ?? '' });
  let start = 0;
  if (view.continue) {
    const after = decode(view.continue, tokenQuery());
    start = keyed.findIndex((entry) => direction * compare(entry.key, after) > 0);
    if (start < 0) start = keyed.length;
  }
  const end = view.limit ? Math.min(keyed.length, start + view.limit) : keyed.length;
  const page = keyed.slice(start, end);
  const last = page.at(-1);
  return {
    items: page.map((entry) => entry.object),
    continue: end < keyed.length && last ? encode({ q: tokenQuery(), k: last.key }) : '',
    total: keyed.length,
  };
}
