/**
 * Builds the OpenAPI definitions of the built-in kinds from the client-node models: every model
 * reachable from a served kind (and its List), the meta/v1 envelope types the operations use, and
 * the special types. Field tags from list-tags.ts become x-kubernetes-* extensions, exactly where
 * a real server puts them.
 */
import { BUILTIN_KINDS, type ResourceKind } from '../registry/builtin-kinds.ts';
import { readModel, type Model, type ModelField } from './client-models.ts';
import { definitionName, referencedModels } from './definition-names.ts';
import { definitionRef, type JsonSchema } from './json-schema.ts';
import { ATOMIC_STRUCTS, fieldTags } from './list-tags.ts';
import {
  INT_OR_STRING,
  MICRO_TIME,
  QUANTITY,
  SPECIAL_DEFINITIONS,
  TIME,
  isQuantityField,
  opaqueFieldDefinition,
} from './special-types.ts';

type Gvk = { group: string; version: string; kind: string };

const API_CONVENTIONS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md';

/** Envelope types every group's operations refer to, with the GVK a real server gives them. */
const META_ROOTS: Array<{ model: string; gvk?: Gvk }> = [
  { model: 'V1Status', gvk: { group: '', version: 'v1', kind: 'Status' } },
  { model: 'V1DeleteOptions', gvk: { group: '', version: 'v1', kind: 'DeleteOptions' } },
  { model: 'V1WatchEvent', gvk: { group: '', version: 'v1', kind: 'WatchEvent' } },
  { model: 'V1APIResourceList', gvk: { group: '', version: 'v1', kind: 'APIResourceList' } },
  { model: 'V1APIGroup', gvk: { group: '', version: 'v1', kind: 'APIGroup' } },
  { model: 'V1APIGroupList', gvk: { group: '', version: 'v1', kind: 'APIGroupList' } },
  { model: 'V1APIVersions', gvk: { group: '', version: 'v1', kind: 'APIVersions' } },
  { model: 'V1Scale', gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
];

/** The definition name of a built-in kind, e.g. io.k8s.api.apps.v1.Deployment. */
export function kindDefinitionName(kind: Pick<ResourceKind, 'model' | 'group'>): string {
  return definitionName(kind.model, kind.group);
}

let built: Record<string, JsonSchema> | undefined;

/** All built-in definitions, keyed by definition name. Built once, on first use. */
export function builtinDefinitions(): Record<string, JsonSchema> {
  if (built) return built;
  const definitions: Record<string, JsonSchema> = { ...SPECIAL_DEFINITIONS };
  const gvks = new Map<string, Gvk[]>();
  const addGvk = (model: string, gvk: Gvk): void => {
    const list = gvks.get(model) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind))
      list.push(gvk);
    gvks.set(model, list);
  };
  for (const kind of BUILTIN_KINDS) {
    addGvk(kind.model, { group: kind.group, version: kind.version, kind: kind.kind });
    if (readModel(`${kind.model}List`)) {
      addGvk(`${kind.model}List`, { group: kind.group, version: kind.version, kind: `${kind.kind}List` });
    }
  }
  for (const root of META_ROOTS) if (root.gvk) addGvk(root.model, root.gvk);

  const visit = (model: string, groupHint: string): void => {
    const name = definitionName(model, groupHint);
    if (definitions[name]) return;
    const parsed = readModel(model);
    if (!parsed) return;
    definitions[name] = {}; // placeholder: recursive types (JSONSchemaProps) stop here
    definitions[name] = modelSchema(parsed, groupHint, gvks.get(model));
    for (const field of parsed.fields) {
      for (const ref of referencedModels(field.type)) visit(ref, groupHint);
    }
  };
  for (const kind of BUILTIN_KINDS) {
    visit(kind.model, kind.group);
    visit(`${kind.model}List`, kind.group);
  }
  for (const root of META_ROOTS) visit(root.model, root.gvk?.group ?? '');
  built = definitions;
  return definitions;
}

function modelSchema(model: Model, groupHint: string, gvk: Gvk[] | undefined): JsonSchema {
  const schema: JsonSchema = {};
  if (model.description) schema.description = model.description;
  const properties: Record<string, JsonSchema> = {};
  for (const field of model.fields) properties[field.name] = fieldSchema(model, field, groupHint, gvk?.[0]);
  schema.properties = properties;
  const required = model.fields.filter((f) => f.required).map((f) => f.name);
  if (required.length > 0) schema.required = required;
  schema.type = 'object';
  if (gvk) schema['x-kubernetes-group-version-kind'] = gvk;
  if (ATOMIC_STRUCTS.has(model.name)) schema['x-kubernetes-map-type'] = 'atomic';
  return schema;
}

function fieldSchema(model: Model, field: ModelField, groupHint: string, gvk: Gvk | undefined): JsonSchema {
  const opaque = field.type.includes('any') ? opaqueFieldDefinition(model.name, field.name) : undefined;
  const quantity = isQuantityField(model.name, field.name);
  const schema: JsonSchema = opaque
    ? { $ref: definitionRef(opaque) }
    : typeSchema(field.type, field.format, groupHint, quantity);
  const description = field.description || fallbackDescription(field, schema, gvk);
  const result: JsonSchema = description ? { ...schema, description } : schema;
  const tags = fieldTags(model.name, field.name);
  if (tags?.patchMergeKey) result['x-kubernetes-patch-merge-key'] = tags.patchMergeKey;
  if (tags?.patchStrategy) result['x-kubernetes-patch-strategy'] = tags.patchStrategy;
  if (tags?.listType) result['x-kubernetes-list-type'] = tags.listType;
  if (tags?.listMapKeys) result['x-kubernetes-list-map-keys'] = tags.listMapKeys;
  if (tags?.mapType) result['x-kubernetes-map-type'] = tags.mapType;
  return result;
}

/** The schema of a client type string (`Array<V1Container>`, `{ [key: string]: string; }`…). */
function typeSchema(type: string, format: string, groupHint: string, quantity: boolean): JsonSchema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1]) return { type: 'array', items: typeSchema(array[1], format, groupHint, quantity) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1])
    return { type: 'object', additionalProperties: typeSchema(map[1], format, groupHint, quantity) };
  if (quantity) return { $ref: definitionRef(QUANTITY) };
  switch (type) {
    case 'string':
      return format ? { type: 'string', format } : { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      if (format === 'int32' || format === 'int64') return { type: 'integer', format };
      return format ? { type: 'number', format } : { type: 'number' };
    case 'Date':
      return { $ref: definitionRef(TIME) };
    case 'V1MicroTime':
      return { $ref: definitionRef(MICRO_TIME) };
    case 'IntOrString':
      return { $ref: definitionRef(INT_OR_STRING) };
    case 'any':
      return {};
    default:
      return { $ref: definitionRef(definitionName(type, groupHint)) };
  }
}

/**
 * The client drops the descriptions of fields that refer to another type. Give the envelope
 * fields their conventional wording and every other one the description of the type it holds,
 * so `kubectl explain` never prints a field without one.
 */
function fallbackDescription(field: ModelField, schema: JsonSchema, gvk: Gvk | undefined): string {
  if (gvk && field.name === 'metadata') {
    return gvk.kind.endsWith('List')
      ? `Standard list metadata. More info: ${API_CONVENTIONS}#metadata`
      : `Standard object's metadata. More info: ${API_CONVENTIONS}#metadata`;
  }
  if (gvk && field.name === 'spec') {
    return `Spec defines the desired behavior of the ${gvk.kind}. More info: ${API_CONVENTIONS}#spec-and-status`;
  }
  if (gvk && field.name === 'status') {
    return `Status is the most recently observed state of the ${gvk.kind}, populated by the system. Read-only. More info: ${API_CONVENTIONS}#spec-and-status`;
  }
  const model = referencedModels(field.type)[0];
  if (model) return readModel(model)?.description ?? '';
  return schema.$ref
    ? (SPECIAL_DEFINITIONS[schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1)]?.description ?? '')
    : '';
}
