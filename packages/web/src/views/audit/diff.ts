/** One changed value in an audit event's before/after diff. */
export interface DiffRow {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

export type AuditDiffView =
  { kind: 'none' } | { kind: 'rows'; rows: DiffRow[] } | { kind: 'raw'; text: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPrimitive = (value: unknown) => value === null || typeof value !== 'object';

/**
 * `{a:{b:[{c:1}]}}` → `{'a.b[0].c': '1'}`; leaves are JSON so that "1" and 1 stay distinguishable.
 * A list of plain values (permission codes, labels) stays one leaf: split per index, inserting
 * one item would look like every later item changed.
 */
export function flatten(
  value: unknown,
  prefix = '',
  out: Record<string, string> = {},
): Record<string, string> {
  if (Array.isArray(value) && value.length > 0 && !value.every(isPrimitive)) {
    value.forEach((item, index) => flatten(item, `${prefix}[${index}]`, out));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = JSON.stringify(value);
  }
  return out;
}

function compare(before: unknown, after: unknown): DiffRow[] {
  const left = flatten(before);
  const right = flatten(after);
  const paths = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const a = left[path];
    const b = right[path];
    if (a === b) continue;
    if (a === undefined) rows.push({ path, change: 'added', after: b });
    else if (b === undefined) rows.push({ path, change: 'removed', before: a });
    else rows.push({ path, change: 'changed', before: a, after: b });
  }
  return rows;
}

/**
 * How to show an event's diff. The server records `{before, after}` (either side may be absent
 * for a create or a delete); anything else is shown as it came.
 */
export function describeDiff(diff: unknown): AuditDiffView {
  if (diff === null || diff === undefined) return { kind: 'none' };
  if (isObject(diff) && ('before' in diff || 'after' in diff)) {
    const rows = compare(diff.before ?? {}, diff.after ?? {});
    return rows.length > 0 ? { kind: 'rows', rows } : { kind: 'none' };
  }
  return { kind: 'raw', text: JSON.stringify(diff, null, 2) };
}
