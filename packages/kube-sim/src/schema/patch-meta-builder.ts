/**
 * Derives the PatchMeta tree (see patch-meta.ts) of a kind from its OpenAPI schema: the
 * x-kubernetes-patch-* extensions drive strategic merge patch, x-kubernetes-list-type /
 * list-map-keys / map-type drive server-side apply. Definitions are shared between kinds and may
 * be recursive (JSONSchemaProps), so each definition's tree is built once and reused: the
 * result may contain cycles and must be walked by path, never serialized.
 */
import type { PatchMeta } from './patch-meta.ts';
import { refName, type JsonSchema } from './json-schema.ts';
import { FIELDS_V1, INT_OR_STRING, MICRO_TIME, QUANTITY, RAW_EXTENSION, TIME } from './special-types.ts';

const SCALAR_DEFINITIONS = new Set([INT_OR_STRING, QUANTITY, TIME, MICRO_TIME]);
const OPAQUE_DEFINITIONS = new Set([RAW_EXTENSION, FIELDS_V1]);

export class PatchMetaBuilder {
  private readonly memo = new Map<string, PatchMeta>();
  private readonly lookup: (name: string) => JsonSchema | undefined;

  constructor(lookup: (name: string) => JsonSchema | undefined) {
    this.lookup = lookup;
  }

  /** The tree of the named definition. */
  forDefinition(name: string): PatchMeta {
    const cached = this.memo.get(name);
    if (cached) return cached;
    if (SCALAR_DEFINITIONS.has(name)) return { type: 'scalar' };
    const schema = this.lookup(name);
    if (!schema || OPAQUE_DEFINITIONS.has(name)) return {};
    // Register before descending so a recursive reference finds this (still filling) node.
    const meta: PatchMeta = {};
    this.memo.set(name, meta);
    Object.assign(meta, this.forSchema(schema));
    return meta;
  }

  /** The tree of an inline schema, with the list and map tags it carries itself. */
  forSchema(schema: JsonSchema): PatchMeta {
    const base = this.structure(schema);
    const tags: PatchMeta = {};
    const strategy = schema['x-kubernetes-patch-strategy'];
    if (strategy) tags.strategies = strategy.split(',') as PatchMeta['strategies'];
    if (schema['x-kubernetes-patch-merge-key']) tags.mergeKey = schema['x-kubernetes-patch-merge-key'];
    if (schema['x-kubernetes-list-type']) tags.listType = schema['x-kubernetes-list-type'];
    if (schema['x-kubernetes-list-map-keys']) tags.listMapKeys = schema['x-kubernetes-list-map-keys'];
    if (schema['x-kubernetes-map-type']) tags.mapType = schema['x-kubernetes-map-type'];
    if (Object.keys(tags).length === 0) return base;
    // A shallow copy keeps sharing the (possibly still filling) children of a definition.
    return { ...base, ...tags };
  }

  private structure(schema: JsonSchema): PatchMeta {
    const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0]?.$ref : undefined);
    if (ref) return this.forDefinition(refName(ref));
    if (schema['x-kubernetes-int-or-string']) return { type: 'scalar' };
    if (schema.type === 'array') {
      return schema.items ? { type: 'list', items: this.forSchema(schema.items) } : { type: 'list' };
    }
    if (schema.properties) {
      const fields: Record<string, PatchMeta> = {};
      const meta: PatchMeta = { type: 'object', fields };
      for (const [name, child] of Object.entries(schema.properties)) fields[name] = this.forSchema(child);
      return meta;
    }
    if (
      schema.type === 'object' &&
      schema.additionalProperties &&
      typeof schema.additionalProperties === 'object'
    ) {
      return { type: 'map', items: this.forSchema(schema.additionalProperties) };
    }
    if (schema.type === 'object')
      return schema['x-kubernetes-preserve-unknown-fields'] ? {} : { type: 'map' };
    if (schema.type) return { type: 'scalar' };
    return {};
  }
}
