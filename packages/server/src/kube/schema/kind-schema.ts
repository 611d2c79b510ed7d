/**
 * Turns a cluster's OpenAPI v3 document for one group/version (`/openapi/v3/apis/<g>/<v>`) into
 * a self-contained JSON schema for one kind, the shape the console's YAML editor (monaco-yaml)
 * completes and validates against.
 */

type Json = Record<string, unknown>;

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const COMPONENTS = '#/components/schemas/';
const DEFINITIONS = '#/definitions/';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function gvksOf(schema: Json): GroupVersionKind[] {
  const list = schema['x-kubernetes-group-version-kind'];
  return Array.isArray(list) ? (list as GroupVersionKind[]) : [];
}

/** The name of the component describing `kind` in `group/version` ('' group for core), if any. */
export function findKindComponent(
  schemas: Json,
  group: string,
  version: string,
  kind: string,
): string | null {
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    if (gvksOf(schema).some((g) => (g.group ?? '') === group && g.version === version && g.kind === kind))
      return name;
  }
  return null;
}

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
const INT_OR_STRING = [{ type: 'integer' }, { type: 'string' }, { type: 'null' }];
const QUANTITY = [{ type: 'string' }, { type: 'number' }, { type: 'null' }];

/**
 * One schema node, made to read the way Kubernetes reads YAML: refs pointed at `definitions`,
 * int-or-string and quantities accepting numbers, nullable fields accepting null, and objects
 * with a fixed set of fields refusing unknown ones (as the API server's strict validation does).
 */
function convert(node: unknown, name?: string): unknown {
  // (`properties` maps names to schemas: its values are converted, its own keys never are.)
  if (Array.isArray(node)) return node.map((item) => convert(item));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace(COMPONENTS, DEFINITIONS);
    else if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([prop, schema]) => [prop, convert(schema)]));
    } else out[key] = convert(value);
  }
  if (out['format'] === 'int-or-string' || out['x-kubernetes-int-or-string'] === true) {
    delete out['type'];
    out['oneOf'] ??= INT_OR_STRING;
  }
  if (name?.endsWith('.api.resource.Quantity') && out['type'] === 'string') {
    delete out['type'];
    out['oneOf'] ??= QUANTITY;
  }
  // Kubernetes decodes `null` as "not set" (kubectl prints `lastProbeTime: null`, `creationTimestamp:
  // null` in templates): a scalar field may always be null.
  if (typeof out['type'] === 'string' && SCALARS.has(out['type'])) out['type'] = [out['type'], 'null'];
  else if (out['nullable'] === true && typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  const closed =
    isObject(out['properties']) &&
    out['additionalProperties'] === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true;
  if (closed) out['additionalProperties'] = false;
  return out;
}

function refsIn(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENTS))
        found.add(value.slice(COMPONENTS.length));
      else refsIn(value, found);
    }
  }
}

/** Every component reachable from `root`, itself included. */
function reachable(schemas: Json, root: string): string[] {
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !isObject(schemas[name])) continue;
    seen.add(name);
    const refs = new Set<string>();
    refsIn(schemas[name], refs);
    queue.push(...refs);
  }
  return [...seen];
}

/**
 * The JSON schema of `kind`, or null when the document does not describe it. `apiVersion` and
 * `kind` are pinned so that completion offers the right values.
 */
export function kindJsonSchema(document: unknown, group: string, version: string, kind: string): Json | null {
  const schemas =
    isObject(document) && isObject(document['components']) ? document['components']['schemas'] : undefined;
  if (!isObject(schemas)) return null;
  const root = findKindComponent(schemas, group, version, kind);
  if (!root) return null;
  const definitions: Json = {};
  for (const name of reachable(schemas, root)) definitions[name] = convert(schemas[name], name);
  const apiVersion = group ? `${group}/${version}` : version;
  const rootSchema = definitions[root] as Json;
  const properties = isObject(rootSchema['properties']) ? rootSchema['properties'] : {};
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...rootSchema,
    properties: {
      ...properties,
      apiVersion: { ...(properties['apiVersion'] as Json), enum: [apiVersion] },
      kind: { ...(properties['kind'] as Json), enum: [kind] },
    },
    definitions,
  };
}

/** Where the cluster serves the OpenAPI v3 document of a group/version. */
export function openApiPath(group: string, version: string): string {
  return group ? `/openapi/v3/apis/${group}/${version}` : `/openapi/v3/api/${version}`;
}
