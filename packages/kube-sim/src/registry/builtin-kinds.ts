/**
 * The built-in API resources kube-sim serves, described the way discovery describes them.
 * Everything that needs to know "which kinds exist" (discovery, routing, OpenAPI, tables, the
 * garbage collector) reads this one table; CRDs add entries at run time through the registry.
 */

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface ResourceKind {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Plural resource name as used in URLs. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: Verb[];
  /** Subresources served under /<resource>/<name>/<sub>. */
  subresources?: string[];
  /** Name of the @kubernetes/client-node model class whose schema describes this kind. */
  model: string;
}

const CRUD: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY: Verb[] = ['create'];
const READ_ONLY: Verb[] = ['get', 'list'];

// One line per kind reads as the table it is.
// prettier-ignore
export const BUILTIN_KINDS: readonly ResourceKind[] = [
  // core/v1
  { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status', 'finalize'], model: 'V1Namespace' },
  { group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node', namespaced: false, shortNames: ['no'], verbs: CRUD, subresources: ['status'], model: 'V1Node' },
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: CRUD, subresources: ['status', 'log', 'exec', 'attach', 'eviction', 'binding', 'portforward', 'ephemeralcontainers'], model: 'V1Pod' },
  { group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status'], model: 'V1Service' },
  { group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'], verbs: CRUD, model: 'V1Endpoints' },
  { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap', namespaced: true, shortNames: ['cm'], verbs: CRUD, model: 'V1ConfigMap' },
  { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', singular: 'secret', namespaced: true, verbs: CRUD, model: 'V1Secret' },
  { group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', namespaced: true, shortNames: ['sa'], verbs: CRUD, subresources: ['token'], model: 'V1ServiceAccount' },
  { group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', singular: 'persistentvolume', namespaced: false, shortNames: ['pv'], verbs: CRUD, subresources: ['status'], model: 'V1PersistentVolume' },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', namespaced: true, shortNames: ['pvc'], verbs: CRUD, subresources: ['status'], model: 'V1PersistentVolumeClaim' },
  { group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', namespaced: true, shortNames: ['ev'], verbs: CRUD, model: 'CoreV1Event' },
  { group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', singular: 'resourcequota', namespaced: true, shortNames: ['quota'], verbs: CRUD, subresources: ['status'], model: 'V1ResourceQuota' },
  { group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', singular: 'limitrange', namespaced: true, shortNames: ['limits'], verbs: CRUD, model: 'V1LimitRange' },
  { group: '', version: 'v1', kind: 'ComponentStatus', resource: 'componentstatuses', singular: 'componentstatus', namespaced: false, shortNames: ['cs'], verbs: READ_ONLY, model: 'V1ComponentStatus' },
  // apps/v1
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], verbs: CRUD, subresources: ['status', 'scale'], model: 'V1Deployment' },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ['all'], verbs: CRUD, subresources: ['status', 'scale'], model: 'V1ReplicaSet' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets', singular: 'statefulset', namespaced: true, shortNames: ['sts'], categories: ['all'], verbs: CRUD, subresources: ['status', 'scale'], model: 'V1StatefulSet' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', singular: 'daemonset', namespaced: true, shortNames: ['ds'], categories: ['all'], verbs: CRUD, subresources: ['status'], model: 'V1DaemonSet' },
  { group: 'apps', version: 'v1', kind: 'ControllerRevision', resource: 'controllerrevisions', singular: 'controllerrevision', namespaced: true, verbs: CRUD, model: 'V1ControllerRevision' },
  // batch/v1
  { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', singular: 'job', namespaced: true, categories: ['all'], verbs: CRUD, subresources: ['status'], model: 'V1Job' },
  { group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', singular: 'cronjob', namespaced: true, shortNames: ['cj'], categories: ['all'], verbs: CRUD, subresources: ['status'], model: 'V1CronJob' },
  // autoscaling/v2
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: CRUD, subresources: ['status'], model: 'V2HorizontalPodAutoscaler' },
  // networking.k8s.io/v1
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', resource: 'ingresses', singular: 'ingress', namespaced: true, shortNames: ['ing'], verbs: CRUD, subresources: ['status'], model: 'V1Ingress' },
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', resource: 'ingressclasses', singular: 'ingressclass', namespaced: false, verbs: CRUD, model: 'V1IngressClass' },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', singular: 'networkpolicy', namespaced: true, shortNames: ['netpol'], verbs: CRUD, model: 'V1NetworkPolicy' },
  // discovery.k8s.io/v1
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice', namespaced: true, verbs: CRUD, model: 'V1EndpointSlice' },
  // events.k8s.io/v1
  { group: 'events.k8s.io', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', namespaced: true, shortNames: ['ev'], verbs: CRUD, model: 'EventsV1Event' },
  // policy/v1
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', namespaced: true, shortNames: ['pdb'], verbs: CRUD, subresources: ['status'], model: 'V1PodDisruptionBudget' },
  // rbac.authorization.k8s.io/v1
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', resource: 'roles', singular: 'role', namespaced: true, verbs: CRUD, model: 'V1Role' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', resource: 'rolebindings', singular: 'rolebinding', namespaced: true, verbs: CRUD, model: 'V1RoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', singular: 'clusterrole', namespaced: false, verbs: CRUD, model: 'V1ClusterRole' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false, verbs: CRUD, model: 'V1ClusterRoleBinding' },
  // coordination.k8s.io/v1
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', singular: 'lease', namespaced: true, verbs: CRUD, model: 'V1Lease' },
  // storage.k8s.io/v1
  { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', singular: 'storageclass', namespaced: false, shortNames: ['sc'], verbs: CRUD, model: 'V1StorageClass' },
  // apiextensions.k8s.io/v1
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', resource: 'customresourcedefinitions', singular: 'customresourcedefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], verbs: CRUD, subresources: ['status'], model: 'V1CustomResourceDefinition' },
  // authorization.k8s.io/v1 and authentication.k8s.io/v1: create-only review kinds
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SelfSubjectAccessReview' },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SelfSubjectRulesReview' },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', singular: 'subjectaccessreview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SubjectAccessReview' },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews', singular: 'localsubjectaccessreview', namespaced: true, verbs: CREATE_ONLY, model: 'V1LocalSubjectAccessReview' },
  { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', resource: 'tokenreviews', singular: 'tokenreview', namespaced: false, verbs: CREATE_ONLY, model: 'V1TokenReview' },
  { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', singular: 'selfsubjectreview', namespaced: false, verbs: CREATE_ONLY, model: 'V1SelfSubjectReview' },
];

export function groupVersion(kind: Pick<ResourceKind, 'group' | 'version'>): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}
