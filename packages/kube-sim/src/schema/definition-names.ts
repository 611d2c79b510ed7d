/**
 * Maps @kubernetes/client-node model names back to the OpenAPI definition names a real API
 * server uses (V1Deployment → io.k8s.api.apps.v1.Deployment). The client's names keep only the
 * version and the type name, so the Go package is recovered from where a type is used: meta types
 * are a known set, names the generator had to disambiguate carry their group (CoreV1Event), and
 * every other type belongs to the API group of the kinds that reach it — core types first,
 * because core never refers to another group's types while every group refers to core.
 */
import { BUILTIN_KINDS } from '../registry/builtin-kinds.ts';
import { readModel } from './client-models.ts';

export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** apimachinery's meta/v1 types, as they are named in the client (without the V1 prefix). */
const META_TYPES = new Set([
  'ObjectMeta',
  'ListMeta',
  'LabelSelector',
  'LabelSelectorRequirement',
  'ManagedFieldsEntry',
  'OwnerReference',
  'Condition',
  'Status',
  'StatusDetails',
  'StatusCause',
  'DeleteOptions',
  'Preconditions',
  'WatchEvent',
  'APIResource',
  'APIResourceList',
  'APIGroup',
  'APIGroupList',
  'APIVersions',
  'GroupVersionForDiscovery',
  'ServerAddressByClientCIDR',
]);

/**
 * Core types that no core kind we serve reaches (StorageClass uses core's topology terms; the
 * pod template is reached through PodTemplate, which we do not serve).
 */
const EXTRA_CORE_ROOTS = ['V1PodTemplate', 'V1ReplicationController', 'V1TopologySelectorTerm'];

/** The Go package path segment of an API group: apps → apps, rbac.authorization.k8s.io → rbac. */
export function groupPackage(group: string): string {
  if (group === '') return 'io.k8s.api.core';
  if (group === 'apiextensions.k8s.io') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
  if (group === 'apiregistration.k8s.io') return 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
  return `io.k8s.api.${group.split('.')[0]}`;
}

/** The prefix the generator put on clashing names: `Core` + V1 + Event, `Rbac` + V1 + Subject. */
const PREFIX_GROUPS: Record<string, string> = {
  Core: '',
  Apps: 'apps',
  Batch: 'batch',
  Discovery: 'discovery.k8s.io',
  Events: 'events.k8s.io',
  Rbac: 'rbac.authorization.k8s.io',
  Storage: 'storage.k8s.io',
  Authentication: 'authentication.k8s.io',
  Apiextensions: 'apiextensions.k8s.io',
  Admissionregistration: 'admissionregistration.k8s.io',
  Apiregistration: 'apiregistration.k8s.io',
  Flowcontrol: 'flowcontrol.apiserver.k8s.io',
  Resource: 'resource.k8s.io',
};

/** Splits `V1beta1Foo` / `CoreV1Event` into prefix, version and type name. */
export function splitModelName(model: string): { prefix: string; version: string; type: string } | undefined {
  const m = /^([A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/.exec(model);
  if (!m?.[2] || !m[3]) return undefined;
  return { prefix: m[1] ?? '', version: m[2].toLowerCase(), type: m[3] };
}

const REF_PATTERN = /\b((?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?[A-Z]\w*)\b/g;

/** Model names a client type string refers to: `Array<V1Container>` → [V1Container]. */
export function referencedModels(type: string): string[] {
  return [...type.matchAll(REF_PATTERN)].map((m) => m[1] as string).filter((n) => n !== 'V1MicroTime');
}

let owners: Map<string, string> | undefined;

/** Which API group each model belongs to, found by walking from the served kinds. */
function modelGroups(): Map<string, string> {
  if (owners) return owners;
  const found = new Map<string, string>();
  const walk = (model: string, group: string): void => {
    if (found.has(model)) return;
    found.set(model, group);
    for (const field of readModel(model)?.fields ?? []) {
      for (const ref of referencedModels(field.type)) walk(ref, group);
    }
  };
  const core = BUILTIN_KINDS.filter((k) => k.group === '');
  for (const root of [...core.map((k) => k.model), ...EXTRA_CORE_ROOTS]) walk(root, '');
  for (const kind of BUILTIN_KINDS) walk(kind.model, kind.group);
  owners = found;
  return found;
}

/** The OpenAPI definition name of a client model, e.g. V1Deployment → io.k8s.api.apps.v1.Deployment. */
export function definitionName(model: string, groupHint?: string): string {
  if (model === 'V1MicroTime') return `${META_V1}.MicroTime`;
  const parts = splitModelName(model);
  if (!parts) return model;
  if (parts.version === 'v1' && parts.prefix === '' && META_TYPES.has(parts.type)) {
    return `${META_V1}.${parts.type}`;
  }
  const prefixed = parts.prefix ? PREFIX_GROUPS[parts.prefix] : undefined;
  let group = prefixed ?? modelGroups().get(model) ?? groupHint;
  // A list kind (V1DeploymentList) belongs where its item kind belongs.
  if (group === undefined && model.endsWith('List')) group = modelGroups().get(model.slice(0, -4));
  if (group === undefined) group = '';
  return `${groupPackage(group)}.${parts.version}.${parts.type}`;
}
