import { RESOURCE_CODES } from '../resource-permissions.ts';

/** The verbs of the Kubernetes API, as its authorizer sees them. */
export const KUBE_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
] as const;
export type KubeVerb = (typeof KUBE_VERBS)[number];

export function isKubeVerb(verb: string): verb is KubeVerb {
  return (KUBE_VERBS as readonly string[]).includes(verb);
}

export const READ_VERBS: ReadonlySet<KubeVerb> = new Set(['get', 'list', 'watch']);

/**
 * The codes each action on a kind needs, e.g. workloads:view / :create…; null when Atrium allows
 * it to nobody. Kinds of one area share them.
 */
export interface KindCodes {
  view: string;
  create: string | null;
  update: string | null;
  delete: string | null;
}

const manage = (area: string): KindCodes => ({
  view: `${area}:view`,
  create: `${area}:manage`,
  update: `${area}:manage`,
  delete: `${area}:manage`,
});

const AREAS = {
  workloads: {
    view: 'workloads:view',
    create: 'workloads:create',
    update: 'workloads:update',
    delete: 'workloads:delete',
  },
  networking: manage('networking'),
  config: manage('config'),
  secrets: manage('secrets'),
  storage: manage('storage'),
  namespaces: manage('namespaces'),
  rbac: manage('rbac'),
  nodes: manage('nodes'),
  customResources: manage('custom-resources'),
  // Events are written by the cluster's components, not by people: read-only through Atrium.
  events: { view: 'events:view', create: null, update: null, delete: null },
} satisfies Record<string, KindCodes>;

type AreaName = keyof typeof AREAS;

/** `group/resource` → area; the core group is the empty string. Anything else is a custom resource. */
const KIND_AREAS: Record<string, AreaName> = {
  '/pods': 'workloads',
  'apps/deployments': 'workloads',
  'apps/replicasets': 'workloads',
  'apps/statefulsets': 'workloads',
  'apps/daemonsets': 'workloads',
  'apps/controllerrevisions': 'workloads',
  'batch/jobs': 'workloads',
  'batch/cronjobs': 'workloads',
  'autoscaling/horizontalpodautoscalers': 'workloads',
  'policy/poddisruptionbudgets': 'workloads',
  '/replicationcontrollers': 'workloads',
  'metrics.k8s.io/pods': 'workloads',
  '/services': 'networking',
  '/endpoints': 'networking',
  'discovery.k8s.io/endpointslices': 'networking',
  'networking.k8s.io/ingresses': 'networking',
  'networking.k8s.io/ingressclasses': 'networking',
  'networking.k8s.io/networkpolicies': 'networking',
  '/configmaps': 'config',
  '/limitranges': 'config',
  '/resourcequotas': 'config',
  '/serviceaccounts': 'config',
  'coordination.k8s.io/leases': 'config',
  '/secrets': 'secrets',
  '/persistentvolumeclaims': 'storage',
  '/persistentvolumes': 'storage',
  'storage.k8s.io/storageclasses': 'storage',
  'storage.k8s.io/volumeattachments': 'storage',
  'storage.k8s.io/csidrivers': 'storage',
  'storage.k8s.io/csinodes': 'storage',
  '/namespaces': 'namespaces',
  'rbac.authorization.k8s.io/roles': 'rbac',
  'rbac.authorization.k8s.io/rolebindings': 'rbac',
  'rbac.authorization.k8s.io/clusterroles': 'rbac',
  'rbac.authorization.k8s.io/clusterrolebindings': 'rbac',
  '/nodes': 'nodes',
  'metrics.k8s.io/nodes': 'nodes',
  '/events': 'events',
  'events.k8s.io/events': 'events',
};

/** Subresources with a code of their own, whatever the verb. */
const SUBRESOURCE_CODES: Record<string, string> = {
  '/pods/exec': 'pods:exec',
  '/pods/attach': 'pods:exec',
  '/pods/portforward': 'pods:exec',
  '/pods/eviction': 'workloads:delete',
};

export interface KindRequest {
  group: string;
  resource: string;
  subresource?: string;
}

/** The codes of a kind's area; a kind of no known area is a custom resource. */
export function kindCodes(kind: Pick<KindRequest, 'group' | 'resource'>): KindCodes {
  return AREAS[KIND_AREAS[`${kind.group}/${kind.resource}`] ?? 'customResources'];
}

function codeForVerb(codes: KindCodes, verb: KubeVerb): string | null {
  if (READ_VERBS.has(verb)) return codes.view;
  if (verb === 'create') return codes.create;
  if (verb === 'update' || verb === 'patch') return codes.update;
  return codes.delete;
}

/**
 * The permission code a request needs, or null when Atrium allows it to nobody (writing events).
 * `pods/log` reads with workloads:view, `deployments/scale` writes with workloads:update,
 * exec, attach and port-forward need pods:exec.
 */
export function permissionFor(kind: KindRequest, verb: KubeVerb): string | null {
  if (kind.subresource) {
    const special = SUBRESOURCE_CODES[`${kind.group}/${kind.resource}/${kind.subresource}`];
    if (special) return special;
  }
  return codeForVerb(kindCodes(kind), verb);
}

/** Every cluster code: what a kubeconfig's token may carry. */
export const CLUSTER_CODES: ReadonlySet<string> = new Set(
  [
    ...RESOURCE_CODES,
    ...Object.values(AREAS).flatMap((area) => [area.view, area.create, area.update, area.delete]),
    ...Object.values(SUBRESOURCE_CODES),
  ].filter((code): code is string => code !== null),
);

/** Codes that grant access to objects: holding one in a namespace makes that namespace visible. */
export const OBJECT_CODES: ReadonlySet<string> = new Set(
  [...CLUSTER_CODES].filter((code) => code !== 'kubeconfig:download'),
);
