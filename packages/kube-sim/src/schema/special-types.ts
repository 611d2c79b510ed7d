/**
 * The types whose OpenAPI schema is not a plain struct: apimachinery's IntOrString, Quantity,
 * Time, MicroTime, RawExtension and FieldsV1, apiextensions' JSON family. The client models
 * flatten them (Quantity becomes `string`, RawExtension `any`), so the fields that carry them
 * are listed here; the real server describes every such field by a reference to the special
 * definition, and `kubectl explain` prints its name (`<Quantity>`, `<IntOrString>`).
 */
import type { JsonSchema } from './json-schema.ts';
import { META_V1 } from './definition-names.ts';

const EXT_V1 = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const TIME = `${META_V1}.Time`;
export const MICRO_TIME = `${META_V1}.MicroTime`;
export const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension';
export const FIELDS_V1 = `${META_V1}.FieldsV1`;
export const PATCH = `${META_V1}.Patch`;

/** Definitions of the special types, written for this simulator (the shapes match the real ones). */
export const SPECIAL_DEFINITIONS: Record<string, JsonSchema> = {
  [INT_OR_STRING]: {
    description:
      'IntOrString is a type that can hold an int32 or a string. In JSON or YAML it is written as the inner value, so a field can accept either a number or a name.',
    type: 'string',
    format: 'int-or-string',
  },
  [QUANTITY]: {
    description:
      "Quantity is a fixed-point representation of a number, serialized as a string such as '500m', '1.5', '128Mi' or '2Gi' (a number with an optional decimal SI or binary suffix).",
    type: 'string',
  },
  [TIME]: {
    description: 'Time is a timestamp serialized as an RFC 3339 string with second precision.',
    type: 'string',
    format: 'date-time',
  },
  [MICRO_TIME]: {
    description: 'MicroTime is a timestamp serialized as an RFC 3339 string with microsecond precision.',
    type: 'string',
    format: 'date-time',
  },
  [RAW_EXTENSION]: {
    description: 'RawExtension holds an embedded object of any kind, serialized as the object itself.',
    type: 'object',
  },
  [FIELDS_V1]: {
    description:
      'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format (see managedFields).',
    type: 'object',
  },
  [PATCH]: {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  },
  [`${EXT_V1}.JSON`]: {
    description:
      'JSON represents any valid JSON value: bool, int64, float64, string, []interface{}, map[string]interface{} and nil.',
  },
  [`${EXT_V1}.JSONSchemaPropsOrArray`]: {
    description:
      'JSONSchemaPropsOrArray represents a value that can either be a JSONSchemaProps or an array of them.',
  },
  [`${EXT_V1}.JSONSchemaPropsOrBool`]: {
    description: 'JSONSchemaPropsOrBool represents JSONSchemaProps or a boolean value; it defaults to true.',
  },
  [`${EXT_V1}.JSONSchemaPropsOrStringArray`]: {
    description: 'JSONSchemaPropsOrStringArray represents a JSONSchemaProps or a string array.',
  },
  [`${EXT_V1}.CustomResourceSubresourceStatus`]: {
    description:
      'CustomResourceSubresourceStatus enables the /status subresource of a custom resource (an empty object).',
    type: 'object',
  },
};

/**
 * In OpenAPI v3 the two types that accept several JSON types say so with oneOf (and no `type`),
 * which is also what makes `kubectl explain` print `<Quantity>` and `<IntOrString>`.
 */
export const V3_SPECIAL_DEFINITIONS: Record<string, JsonSchema> = {
  [INT_OR_STRING]: {
    description: SPECIAL_DEFINITIONS[INT_OR_STRING]?.description,
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  [QUANTITY]: {
    description: SPECIAL_DEFINITIONS[QUANTITY]?.description,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
};

/** Fields whose values (or map values) are resource.Quantity: model → field names. */
const QUANTITY_FIELDS: Record<string, string[]> = {
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1NodeStatus: ['allocatable', 'capacity'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1ResourceFieldSelector: ['divisor'],
  V1PodSpec: ['overhead'],
  V1PodStatus: ['allocatedResources'],
  V1ContainerStatus: ['allocatedResources'],
  V1NodeAllocatableResourceClaimStatus: ['resources'],
  V2MetricTarget: ['averageValue', 'value'],
  V2MetricValueStatus: ['averageValue', 'value'],
};

/** `any`-typed fields and the special definition each really is: model → field → definition. */
const OPAQUE_FIELDS: Record<string, Record<string, string>> = {
  V1ControllerRevision: { data: RAW_EXTENSION },
  V1WatchEvent: { object: RAW_EXTENSION },
  V1ManagedFieldsEntry: { fieldsV1: FIELDS_V1 },
  V1CustomResourceSubresources: { status: `${EXT_V1}.CustomResourceSubresourceStatus` },
  V1JSONSchemaProps: {
    additionalItems: `${EXT_V1}.JSONSchemaPropsOrBool`,
    additionalProperties: `${EXT_V1}.JSONSchemaPropsOrBool`,
    default: `${EXT_V1}.JSON`,
    example: `${EXT_V1}.JSON`,
    items: `${EXT_V1}.JSONSchemaPropsOrArray`,
    enum: `${EXT_V1}.JSON`,
    dependencies: `${EXT_V1}.JSONSchemaPropsOrStringArray`,
  },
};

export function isQuantityField(model: string, field: string): boolean {
  return QUANTITY_FIELDS[model]?.includes(field) ?? false;
}

/** The special definition an opaque (`any`) field stands for, if known. */
export function opaqueFieldDefinition(model: string, field: string): string | undefined {
  return OPAQUE_FIELDS[model]?.[field];
}
