/**
 * Turns a CustomResourceDefinition into what the catalog serves for each of its versions: the
 * definitions of the kind and its list (named like the real server names them, the group reversed:
 * stable.example.com/v1 CronTab → com.example.stable.v1.CronTab) and the operations on it.
 * As on a real server, metadata is always ObjectMeta and apiVersion/kind are always described,
 * whatever the CRD's own schema says about them.
 */
import type { KubeObject } from '../types.ts';
import type { Verb } from '../registry/builtin-kinds.ts';
import { META_V1 } from './definition-names.ts';
import { definitionRef, type JsonSchema } from './json-schema.ts';
import type { ServedResource } from './operations.ts';

export interface CrdVersion {
  resource: ServedResource;
  definitions: Record<string, JsonSchema>;
}

const API_VERSION: JsonSchema = {
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  type: 'string',
};
const KIND: JsonSchema = {
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  type: 'string',
};
const CRD_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface CrdVersionSpec {
  name?: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: JsonSchema };
  subresources?: { status?: object; scale?: object };
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string; plural?: string; listKind?: string };
  versions?: CrdVersionSpec[];
}

/** stable.example.com → com.example.stable */
export function reversedGroup(group: string): string {
  return group.split('.').reverse().join('.');
}

/** The served versions of a CRD, each with its definitions. Empty when the CRD is incomplete. */
export function crdVersions(crd: KubeObject): CrdVersion[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const group = spec.group;
  const kind = spec.names?.kind;
  const plural = spec.names?.plural;
  if (!group || !kind || !plural) return [];
  const listKind = spec.names?.listKind || `${kind}List`;
  const prefix = reversedGroup(group);
  const result: CrdVersion[] = [];
  for (const version of spec.versions ?? []) {
    if (!version.name || version.served === false) continue;
    const definition = `${prefix}.${version.name}.${kind}`;
    const listDefinition = `${prefix}.${version.name}.${listKind}`;
    const gvk = (k: string) => [{ group, version: version.name as string, kind: k }];
    const schema = version.schema?.openAPIV3Schema ?? {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    };
    const kindSchema: JsonSchema = {
      ...schema,
      type: 'object',
      properties: {
        ...schema.properties,
        apiVersion: API_VERSION,
        kind: KIND,
        metadata: {
          $ref: definitionRef(`${META_V1}.ObjectMeta`),
          description:
            "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        },
      },
      'x-kubernetes-group-version-kind': gvk(kind),
    };
    const listSchema: JsonSchema = {
      description: `${listKind} is a list of ${kind}`,
      properties: {
        apiVersion: API_VERSION,
        items: {
          description: `List of ${plural}. More info: https://git.k8s.io/community/contributors/devel/kubernetes/api-conventions.md`,
          items: { $ref: definitionRef(definition) },
          type: 'array',
        },
        kind: KIND,
        metadata: {
          $ref: definitionRef(`${META_V1}.ListMeta`),
          description:
            'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        },
      },
      required: ['items'],
      type: 'object',
      'x-kubernetes-group-version-kind': gvk(listKind),
    };
    const subresources: string[] = [];
    if (version.subresources?.status) subresources.push('status');
    if (version.subresources?.scale) subresources.push('scale');
    result.push({
      resource: {
        group,
        version: version.name,
        kind,
        resource: plural,
        namespaced: spec.scope !== 'Cluster',
        verbs: CRD_VERBS,
        subresources,
        definition,
        listDefinition,
        strategicMerge: false,
      },
      definitions: { [definition]: kindSchema, [listDefinition]: listSchema },
    });
  }
  return result;
}
