/** Reading and writing simple dotted paths like `.spec.replicas` (CRD scale paths). */

function segments(path: string): string[] {
  return path
    .replace(/^\./, '')
    .split('.')
    .filter((s) => s !== '');
}

export function readPath(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const segment of segments(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Sets the value, creating intermediate objects. `object` must be mutable. */
export function writePath(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = segments(path);
  let target = object;
  for (const segment of parts.slice(0, -1)) {
    const next = target[segment];
    if (next === null || typeof next !== 'object') target[segment] = {};
    target = target[segment] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last !== undefined) target[last] = value;
}
