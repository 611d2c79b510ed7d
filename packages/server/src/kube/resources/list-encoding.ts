import type { KubeObject } from '../cache/resource-ref.ts';

/**
 * The JSON of each cached object, made once: cached objects are never changed in place (an
 * update replaces the object), so the bytes stay right for as long as the object lives and go
 * with it. Lists are then a concatenation instead of a serialization — most of a list's cost.
 */
const encoded = new WeakMap<KubeObject, Buffer>();
const COMMA = Buffer.from(',');

export function encodeObject(object: KubeObject): Buffer {
  let bytes = encoded.get(object);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(object));
    encoded.set(object, bytes);
  }
  return bytes;
}

export interface EncodableList {
  items: KubeObject[];
  continue: string;
  total: number;
  resourceVersion: string;
}

/** One cluster's answer in a list across clusters: its page, or why there is none. */
export type ClusterListResult =
  | { cluster: string; list: EncodableList }
  | { cluster: string; error: { code: string; message: string; details: Record<string, unknown> } };

/** `"items":[…],"continue":…,"total":…,"resourceVersion":…` (no braces) appended to `parts`. */
function pushListFields(page: EncodableList, parts: Buffer[]): void {
  parts.push(Buffer.from('"items":['));
  page.items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(encodeObject(item));
  });
  const tail = `],"continue":${JSON.stringify(page.continue)},"total":${page.total},"resourceVersion":${JSON.stringify(page.resourceVersion)}`;
  parts.push(Buffer.from(tail));
}

/** `{items, continue, total, resourceVersion}` as JSON bytes. */
export function encodeList(page: EncodableList): Buffer {
  const parts: Buffer[] = [Buffer.from('{')];
  pushListFields(page, parts);
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}

/** `{clusters: [{cluster, …list} | {cluster, error}]}` as JSON bytes, lists made as encodeList makes them. */
export function encodeClusterLists(results: readonly ClusterListResult[]): Buffer {
  const parts: Buffer[] = [Buffer.from('{"clusters":[')];
  results.forEach((result, index) => {
    parts.push(Buffer.from(`${index > 0 ? ',' : ''}{"cluster":${JSON.stringify(result.cluster)},`));
    if ('list' in result) pushListFields(result.list, parts);
    else parts.push(Buffer.from(`"error":${JSON.stringify(result.error)}`));
    parts.push(Buffer.from('}'));
  });
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}
