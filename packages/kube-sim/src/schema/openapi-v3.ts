/**
 * OpenAPI 3.0 documents, one per group version, as served under /openapi/v3/<path>. kubectl uses
 * them for `explain`, to build apply patches (x-kubernetes-patch-* on the kind's schema), and to
 * decide whether the server validates fields itself (the PATCH operation's `fieldValidation`).
 * Refs point at components/schemas, and a ref with siblings (a description) is wrapped in allOf,
 * the way kube-openapi writes them.
 */
import { DEFINITIONS_PREFIX, refName, type JsonSchema } from './json-schema.ts';
import type { OperationSpec, PathSpec } from './operations.ts';
import { V3_SPECIAL_DEFINITIONS } from './special-types.ts';
import { PARAMETERS, type ParameterName } from './parameters.ts';

const SCHEMAS_PREFIX = '#/components/schemas/';

export interface OpenApiV3Document {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** Every definition reachable from `roots`, in name order. */
export function reachableDefinitions(
  roots: Iterable<string>,
  definitions: Record<string, JsonSchema>,
): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name) || !definitions[name]) continue;
    seen.add(name);
    collectRefs(definitions[name], pending);
  }
  return [...seen].sort();
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push(refName(child));
      else collectRefs(child, into);
    }
  }
}

/** A v2-style schema rewritten for components/schemas. */
export function toV3Schema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema) as Array<[string, unknown]>) {
    if (key === '$ref') continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toV3Schema(v)]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      (out as Record<string, unknown>)[key] = toV3Schema(value as JsonSchema);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      (out as Record<string, unknown>)[key] = (value as JsonSchema[]).map(toV3Schema);
    } else {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  if (schema.$ref) {
    const ref = schema.$ref.startsWith(DEFINITIONS_PREFIX)
      ? SCHEMAS_PREFIX + refName(schema.$ref)
      : schema.$ref;
    if (Object.keys(out).length === 0) return { $ref: ref };
    return { allOf: [{ $ref: ref }], ...out };
  }
  return out;
}

function v3Parameter(name: ParameterName): Record<string, unknown> {
  const spec = PARAMETERS[name];
  const parameter: Record<string, unknown> = { description: spec.description, in: spec.in, name };
  if (spec.required) parameter.required = true;
  parameter.schema = { type: spec.type, uniqueItems: true };
  return parameter;
}

const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const WATCH_TYPES = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];

function v3Operation(op: OperationSpec, tag: string): Record<string, unknown> {
  const rendered: Record<string, unknown> = { description: op.description, operationId: op.operationId };
  if (op.parameters.length > 0) rendered.parameters = op.parameters.map(v3Parameter);
  if (op.body) {
    const ref = { $ref: SCHEMAS_PREFIX + op.body.definition };
    rendered.requestBody = {
      content: Object.fromEntries(op.body.contentTypes.map((type) => [type, { schema: ref }])),
      required: op.method !== 'delete' || undefined,
    };
  }
  const responseTypes = op.watchable ? [...RESPONSE_TYPES, ...WATCH_TYPES] : RESPONSE_TYPES;
  rendered.responses = Object.fromEntries(
    op.responses.map((r) => [
      r.code,
      {
        description: r.description,
        ...(r.definition
          ? {
              content: Object.fromEntries(
                responseTypes.map((t) => [t, { schema: { $ref: SCHEMAS_PREFIX + r.definition } }]),
              ),
            }
          : {}),
      },
    ]),
  );
  rendered.tags = [tag];
  rendered['x-kubernetes-action'] = op.action;
  rendered['x-kubernetes-group-version-kind'] = op.gvk;
  return JSON.parse(JSON.stringify(rendered)) as Record<string, unknown>;
}

/** One group version's document from its path items and the definitions they use. */
export function buildV3Document(
  paths: PathSpec[],
  tag: string,
  definitions: Record<string, JsonSchema>,
  extraRoots: string[] = [],
): OpenApiV3Document {
  const renderedPaths: Record<string, Record<string, unknown>> = {};
  const roots = new Set<string>(extraRoots);
  for (const path of paths) {
    const item: Record<string, unknown> = {};
    for (const op of path.operations) {
      item[op.method] = v3Operation(op, tag);
      if (op.body) roots.add(op.body.definition);
      for (const r of op.responses) if (r.definition) roots.add(r.definition);
    }
    item.parameters = path.parameters.map(v3Parameter);
    renderedPaths[path.path] = item;
  }
  const schemas: Record<string, unknown> = {};
  for (const name of reachableDefinitions(roots, definitions)) {
    schemas[name] = V3_SPECIAL_DEFINITIONS[name] ?? toV3Schema(definitions[name] as JsonSchema);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: renderedPaths,
    components: { schemas },
  };
}
