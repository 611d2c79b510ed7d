/** Keys whose values never enter the audit log, at any depth. */
const SECRET_KEY = /password|hash|secret|token|credential|private|key$/i;

export interface AuditDiff {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** A copy of `value` with every secret-looking key removed. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!SECRET_KEY.test(key)) result[key] = withoutSecrets(inner);
  }
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What an edit changed: only the fields that differ, before and after. Pass `before` alone
 * for a deletion and `after` alone for a creation.
 */
export function auditDiff(before: object | null, after: object | null): AuditDiff {
  const cleanBefore = (before ? withoutSecrets(before) : null) as Record<string, unknown> | null;
  const cleanAfter = (after ? withoutSecrets(after) : null) as Record<string, unknown> | null;
  if (!cleanBefore || !cleanAfter) {
    return { ...(cleanBefore && { before: cleanBefore }), ...(cleanAfter && { after: cleanAfter }) };
  }
  const diff: Required<AuditDiff> = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(cleanBefore), ...Object.keys(cleanAfter)])) {
    if (!sameValue(cleanBefore[key], cleanAfter[key])) {
      diff.before[key] = cleanBefore[key];
      diff.after[key] = cleanAfter[key];
    }
  }
  return diff;
}
