/**
 * The subset of OpenAPI / JSON Schema the catalog produces and reads, including Kubernetes'
 * vendor extensions. Definitions refer to each other with Swagger 2.0 refs
 * (`#/definitions/<name>`); the v3 documents rewrite them.
 */
export interface JsonSchema {
  description?: string;
  type?: string;
  format?: string;
  $ref?: string;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  [extension: `x-${string}`]: unknown;
}

export const DEFINITIONS_PREFIX = '#/definitions/';

export function definitionRef(name: string): string {
  return `${DEFINITIONS_PREFIX}${name}`;
}

/** The definition name a `$ref` points at, whichever document style it uses. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
