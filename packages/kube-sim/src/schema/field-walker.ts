/**
 * Walks an object against its schema to find fields the schema does not know: the server
 * reports them for fieldValidation=Strict/Warn (`unknown field "spec.foo"`) and drops them
 * otherwise, which is structural pruning for custom resources and what the JSON decoder does for
 * built-in kinds. x-kubernetes-preserve-unknown-fields keeps a subtree as it is.
 */
import { refName, type JsonSchema } from './json-schema.ts';

export type DefinitionLookup = (name: string) => JsonSchema | undefined;

/** The schema a node stands for after following `$ref` (or a single-entry allOf). */
function resolve(schema: JsonSchema, lookup: DefinitionLookup): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    const ref: string | undefined =
      current.$ref ?? (current.allOf?.length === 1 ? current.allOf[0]?.$ref : undefined);
    if (!ref) return current;
    current = lookup(refName(ref));
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Envelope fields an embedded resource may always carry. */
const EMBEDDED_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Visits `value` against `schema`; `onUnknown(path, container, key)` is called for each field the
 * schema does not declare.
 */
export function walkUnknownFields(
  schema: JsonSchema,
  value: unknown,
  lookup: DefinitionLookup,
  onUnknown: (path: string, container: Record<string, unknown>, key: string) => void,
  path = '',
): void {
  const node = resolve(schema, lookup);
  if (!node) return;
  if (Array.isArray(value)) {
    if (node.items)
      value.forEach((item, i) =>
        walkUnknownFields(node.items as JsonSchema, item, lookup, onUnknown, `${path}[${i}]`),
      );
    return;
  }
  if (!isPlainObject(value)) return;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  if (node.properties) {
    const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = node['x-kubernetes-embedded-resource'] === true;
    for (const key of Object.keys(value)) {
      const child = node.properties[key];
      if (child) walkUnknownFields(child, value[key], lookup, onUnknown, join(key));
      else if (!preserve && !(embedded && EMBEDDED_FIELDS.has(key))) onUnknown(join(key), value, key);
    }
    return;
  }
  if (isPlainObject(node.additionalProperties)) {
    for (const key of Object.keys(value)) {
      walkUnknownFields(node.additionalProperties, value[key], lookup, onUnknown, join(key));
    }
  }
  // Anything else (no properties: RawExtension, JSON, preserve-unknown-fields maps) accepts all.
}

/** Paths of every unknown field, e.g. `spec.foo` or `spec.template.spec.containers[0].bar`. */
export function unknownFieldPaths(schema: JsonSchema, obj: unknown, lookup: DefinitionLookup): string[] {
  const paths: string[] = [];
  walkUnknownFields(schema, obj, lookup, (path) => paths.push(path));
  return paths;
}

/** A deep copy of `obj` without the fields its schema does not declare. */
export function pruneUnknownFields<T>(schema: JsonSchema, obj: T, lookup: DefinitionLookup): T {
  const copy = structuredClone(obj);
  walkUnknownFields(schema, copy, lookup, (_path, container, key) => {
    delete container[key];
  });
  return copy;
}
