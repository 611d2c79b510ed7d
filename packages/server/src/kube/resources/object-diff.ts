import type { AuditDiff } from '../../audit/diff.ts';
import type { KubeObject } from '../cache/resource-ref.ts';

export const MASK = '******';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The audit column is a TEXT (64 KiB on MariaDB): big diffs are cut well below it. */
const MAX_DIFF_BYTES = 48_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function maskValues(values: unknown): unknown {
  if (!isObject(values)) return values;
  return Object.fromEntries(Object.keys(values).map((key) => [key, MASK]));
}

/**
 * A copy fit for the audit log: no managedFields or resourceVersion (bookkeeping, not edits),
 * and for Secrets every value masked — including the last-applied annotation, which repeats them.
 */
export function auditView(object: KubeObject | null): Json | null {
  if (!object) return null;
  const copy = structuredClone(object) as KubeObject;
  if (copy.metadata) {
    delete copy.metadata.managedFields;
    delete copy.metadata.resourceVersion;
  }
  if (copy.kind === 'Secret') {
    if ('data' in copy) copy['data'] = maskValues(copy['data']);
    if ('stringData' in copy) copy['stringData'] = maskValues(copy['stringData']);
    if (copy.metadata?.annotations?.[LAST_APPLIED]) copy.metadata.annotations[LAST_APPLIED] = MASK;
  }
  return copy;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only what differs, at the deepest object level where it differs (arrays compare whole). */
function prune(before: unknown, after: unknown): { before?: unknown; after?: unknown } | null {
  if (same(before, after)) return null;
  if (!isObject(before) || !isObject(after)) return { before, after };
  const result: { before: Json; after: Json } = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const inner = prune(before[key], after[key]);
    if (!inner) continue;
    if (inner.before !== undefined) result.before[key] = inner.before;
    if (inner.after !== undefined) result.after[key] = inner.after;
  }
  return result;
}

function secretsChanged(before: KubeObject, after: KubeObject, diff: { before: Json; after: Json }) {
  // Masked values all look alike: name the keys whose real value changed.
  for (const field of ['data', 'stringData']) {
    const a = (before[field] ?? {}) as Json;
    const b = (after[field] ?? {}) as Json;
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k], b[k]));
    if (changed.length) {
      (diff.before[field] ??= {}) as Json;
      (diff.after[field] ??= {}) as Json;
      for (const key of changed) {
        if (key in a) (diff.before[field] as Json)[key] = MASK;
        if (key in b) (diff.after[field] as Json)[key] = MASK;
      }
    }
  }
}

function cap(diff: AuditDiff): AuditDiff {
  const size = JSON.stringify(diff).length;
  if (size <= MAX_DIFF_BYTES) return diff;
  const shrink = (side: Record<string, unknown> | undefined) =>
    side &&
    Object.fromEntries(
      Object.entries(side).map(([key, value]) => {
        const bytes = JSON.stringify(value)?.length ?? 0;
        return [key, bytes > MAX_DIFF_BYTES / 8 ? `<${bytes} bytes omitted>` : value];
      }),
    );
  const shrunk = {
    ...(diff.before && { before: shrink(diff.before) }),
    ...(diff.after && { after: shrink(diff.after) }),
  };
  if (JSON.stringify(shrunk).length <= MAX_DIFF_BYTES) return shrunk as AuditDiff;
  return { before: { omitted: `${size} bytes` }, after: { omitted: `${size} bytes` } };
}

/**
 * The before/after of an edit of a cluster object for the audit log: only the changed
 * fields, Secret values masked. `before` alone for a deletion, `after` alone for a creation.
 */
export function objectDiff(before: KubeObject | null, after: KubeObject | null): AuditDiff {
  const a = auditView(before);
  const b = auditView(after);
  if (!a || !b) return cap({ ...(a && { before: a }), ...(b && { after: b }) });
  const pruned = prune(a, b) ?? { before: {}, after: {} };
  const diff = { before: (pruned.before ?? {}) as Json, after: (pruned.after ?? {}) as Json };
  if (after?.kind === 'Secret' && before) secretsChanged(before, after, diff);
  return cap(diff);
}
