/**
 * How a field merges under strategic merge patch and server-side apply. The schema module
 * builds one tree per kind (from the built-in models plus the merge-key table, or from a CRD's
 * x-kubernetes-* extensions); the patch module only reads it.
 */
export interface PatchMeta {
  /** Child fields of an object. Absent children are treated as plain (atomic scalars / maps). */
  fields?: Record<string, PatchMeta>;
  /** Schema of list items or of map values. */
  items?: PatchMeta;
  /** `object` for structs, `map` for free-form string maps (labels), `list`, or `scalar`. */
  type?: 'object' | 'map' | 'list' | 'scalar';
  /** Strategic merge patch: `patchStrategy` tag, e.g. 'merge' or 'merge,retainKeys' split. */
  strategies?: Array<'merge' | 'retainKeys' | 'replace'>;
  /** Strategic merge patch: `patchMergeKey` for lists merged by key (containers → name). */
  mergeKey?: string;
  /** Server-side apply: x-kubernetes-list-type. */
  listType?: 'atomic' | 'set' | 'map';
  /** Server-side apply: x-kubernetes-list-map-keys (for listType 'map'). */
  listMapKeys?: string[];
  /** Server-side apply: x-kubernetes-map-type ('atomic' replaces the whole object). */
  mapType?: 'atomic' | 'granular';
}

/** A PatchMeta that knows nothing: every list is atomic and replaced, every object merged. */
export const UNKNOWN_PATCH_META: PatchMeta = {};
