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

/** `{items, continue, total, resourceVersion}` as JSON bytes. */
export function encodeList(page: {
  items: KubeObject[];
  continue: string;
  total: number;
  resourceVersion: string;
}): Buffer {
  const parts: Buffer[] = [Buffer.from('{"items":[')];
  page.items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(encodeObject(item));
  });
  const tail = `],"continue":${JSON.stringify(page.continue)},"total":${page.total},"resourceVersion":${JSON.stringify(page.resourceVersion)}}`;
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}
