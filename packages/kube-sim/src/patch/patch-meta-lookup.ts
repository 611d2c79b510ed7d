/**
 * Reading PatchMeta trees: which child schema applies, whether a node is a struct, which
 * strategic-merge strategy and keys a list has.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';

/**
 * ObjectMeta as the Kubernetes models describe it. Every kind's metadata is an ObjectMeta, so
 * it applies whenever the kind's own tree does not describe `metadata` (CRDs, unknown kinds).
 */
export const OBJECT_META_PATCH_META: PatchMeta = {
  type: 'object',
  fields: {
    labels: { type: 'map', items: { type: 'scalar' } },
    annotations: { type: 'map', items: { type: 'scalar' } },
    finalizers: { type: 'list', strategies: ['merge'], listType: 'set', items: { type: 'scalar' } },
    ownerReferences: {
      type: 'list',
      strategies: ['merge'],
      mergeKey: 'uid',
      listType: 'map',
      listMapKeys: ['uid'],
      items: { type: 'object' },
    },
    managedFields: { type: 'list', listType: 'atomic' },
  },
};

/** Root trees by kind tree: one object per kind, so that per-node memos (shapes) keep hitting. */
const ROOT_METAS = new WeakMap<PatchMeta, PatchMeta>();

/** The tree for a whole object: always a struct, with ObjectMeta under `metadata`. */
export function resolveRootMeta(meta: PatchMeta): PatchMeta {
  let root = ROOT_METAS.get(meta);
  if (root === undefined) {
    const fields = meta.fields ?? {};
    root = {
      ...meta,
      type: 'object',
      fields: fields.metadata ? fields : { ...fields, metadata: OBJECT_META_PATCH_META },
    };
    ROOT_METAS.set(meta, root);
  }
  return root;
}

/** Structs have named fields; maps (and nodes without schema) have free-form keys. */
export function isStruct(meta: PatchMeta | undefined): boolean {
  if (!meta) return false;
  return meta.type === 'object' || (meta.type === undefined && meta.fields !== undefined);
}

/** Schema of the value under `key` of an object node (struct field or map value). */
export function childMeta(meta: PatchMeta | undefined, key: string): PatchMeta | undefined {
  if (!meta) return undefined;
  if (isStruct(meta)) return meta.fields?.[key];
  return meta.type === 'list' ? undefined : meta.items;
}

/** Schema of the items of a list node. */
export function itemMeta(meta: PatchMeta | undefined): PatchMeta | undefined {
  return meta?.items;
}

/**
 * The strategic-merge strategy other than retainKeys ('' when none), as
 * extractRetainKeysPatchStrategy reads a `patchStrategy` tag.
 */
export function patchStrategy(meta: PatchMeta | undefined): Outcome {
  const strategies = meta?.strategies ?? [];
  if (strategies.length === 0) return { ok: true, strategy: '' };
  if (strategies.length === 1) {
    const [only = ''] = strategies;
    return { ok: true, strategy: only === 'retainKeys' ? '' : only };
  }
  if (strategies.length === 2) {
    const [first = '', second = ''] = strategies;
    if (first === 'retainKeys') return { ok: true, strategy: second };
    if (second === 'retainKeys') return { ok: true, strategy: first };
  }
  return { ok: false, error: `unexpected patch strategy: [${strategies.join(' ')}]` };
}

type Outcome = { ok: true; strategy: string } | { ok: false; error: string };

export function mergeKeyOf(meta: PatchMeta | undefined): string {
  return meta?.mergeKey ?? '';
}

/** Server-side apply keys of a `listType: map` list: listMapKeys, else the patch merge key. */
export function listMapKeysOf(meta: PatchMeta | undefined): readonly string[] {
  if (meta?.listMapKeys && meta.listMapKeys.length > 0) return meta.listMapKeys;
  return meta?.mergeKey ? [meta.mergeKey] : [];
}
