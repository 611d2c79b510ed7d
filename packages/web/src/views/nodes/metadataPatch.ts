/**
 * A merge patch that turns `current` into the edited rows: changed and new keys set, removed
 * keys set to null (which is how a merge patch deletes a key). Rows without a key are ignored.
 */
export function metadataPatch(
  field: 'labels' | 'annotations',
  current: Record<string, string>,
  rows: { key: string; value: string }[],
): { metadata: Record<string, Record<string, string | null>> } {
  const wanted = new Map(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));
  const changes: Record<string, string | null> = {};
  for (const key of Object.keys(current)) if (!wanted.has(key)) changes[key] = null;
  for (const [key, value] of wanted) if (current[key] !== value) changes[key] = value;
  return { metadata: { [field]: changes } };
}
