/**
 * The Go struct tags the client models lose: how lists and maps merge under strategic merge
 * patch (`patchStrategy`, `patchMergeKey`) and server-side apply (`+listType`, `+listMapKey`,
 * `+mapType`/`+structType`). Transcribed from staging/src/k8s.io/api/<group>/<version>/types.go
 * for the fields kubectl users touch; lists not named here are atomic, which is also what a real
 * server assumes for an untagged list. Keys are client model names.
 */

export interface FieldTags {
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
}

/** A list merged by `key` under both patch styles (`+patchStrategy=merge +listType=map`). */
function mergeMap(key: string, ...moreKeys: string[]): FieldTags {
  return { patchStrategy: 'merge', patchMergeKey: key, listType: 'map', listMapKeys: [key, ...moreKeys] };
}
const ATOMIC: FieldTags = { listType: 'atomic' };
const SET: FieldTags = { listType: 'set' };
const MERGE_SET: FieldTags = { patchStrategy: 'merge', listType: 'set' };
const ATOMIC_MAP: FieldTags = { mapType: 'atomic' };
const CONDITIONS = mergeMap('type');

const CONTAINER_FIELDS: Record<string, FieldTags> = {
  ports: mergeMap('containerPort', 'protocol'),
  env: mergeMap('name'),
  envFrom: ATOMIC,
  volumeMounts: mergeMap('mountPath'),
  volumeDevices: mergeMap('devicePath'),
  command: ATOMIC,
  args: ATOMIC,
  resizePolicy: ATOMIC,
  restartPolicyRules: ATOMIC,
};

export const FIELD_TAGS: Record<string, Record<string, FieldTags>> = {
  // meta/v1
  V1ObjectMeta: {
    ownerReferences: mergeMap('uid'),
    finalizers: MERGE_SET,
    managedFields: ATOMIC,
  },
  V1LabelSelector: { matchExpressions: ATOMIC },
  // core/v1: pods and their templates
  V1PodSpec: {
    volumes: { ...mergeMap('name'), patchStrategy: 'merge,retainKeys' },
    initContainers: mergeMap('name'),
    containers: mergeMap('name'),
    ephemeralContainers: mergeMap('name'),
    imagePullSecrets: mergeMap('name'),
    hostAliases: mergeMap('ip'),
    tolerations: ATOMIC,
    topologySpreadConstraints: mergeMap('topologyKey', 'whenUnsatisfiable'),
    readinessGates: ATOMIC,
    resourceClaims: { ...mergeMap('name'), patchStrategy: 'merge,retainKeys' },
    schedulingGates: mergeMap('name'),
    nodeSelector: ATOMIC_MAP,
  },
  V1Container: CONTAINER_FIELDS,
  V1EphemeralContainer: CONTAINER_FIELDS,
  V1PodSecurityContext: { supplementalGroups: ATOMIC, sysctls: ATOMIC },
  V1Capabilities: { add: ATOMIC, drop: ATOMIC },
  V1PodStatus: {
    conditions: CONDITIONS,
    podIPs: mergeMap('ip'),
    hostIPs: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' },
    containerStatuses: ATOMIC,
    initContainerStatuses: ATOMIC,
    ephemeralContainerStatuses: ATOMIC,
    resourceClaimStatuses: mergeMap('name'),
  },
  V1NodeSelector: { nodeSelectorTerms: ATOMIC },
  V1NodeSelectorTerm: { matchExpressions: ATOMIC, matchFields: ATOMIC },
  V1NodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: ATOMIC },
  V1PodAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: ATOMIC,
    preferredDuringSchedulingIgnoredDuringExecution: ATOMIC,
  },
  V1PodAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: ATOMIC,
    preferredDuringSchedulingIgnoredDuringExecution: ATOMIC,
  },
  V1TopologySpreadConstraint: { matchLabelKeys: ATOMIC },
  V1HTTPGetAction: { httpHeaders: ATOMIC },
  V1ExecAction: { command: ATOMIC },
  V1PersistentVolumeClaimSpec: { accessModes: ATOMIC },
  // core/v1: other kinds
  V1ServiceSpec: {
    ports: mergeMap('port', 'protocol'),
    selector: ATOMIC_MAP,
    clusterIPs: ATOMIC,
    externalIPs: ATOMIC,
    ipFamilies: ATOMIC,
    loadBalancerSourceRanges: ATOMIC,
  },
  V1ServiceStatus: { conditions: CONDITIONS },
  V1LoadBalancerStatus: { ingress: ATOMIC },
  V1NodeSpec: { taints: ATOMIC, podCIDRs: MERGE_SET },
  V1NodeStatus: {
    conditions: CONDITIONS,
    addresses: mergeMap('type'),
    images: ATOMIC,
    volumesInUse: ATOMIC,
    volumesAttached: ATOMIC,
  },
  V1NamespaceSpec: { finalizers: ATOMIC },
  V1NamespaceStatus: { conditions: CONDITIONS },
  V1Endpoints: { subsets: ATOMIC },
  V1EndpointSubset: { addresses: ATOMIC, notReadyAddresses: ATOMIC, ports: ATOMIC },
  V1PersistentVolumeSpec: { accessModes: ATOMIC, mountOptions: ATOMIC },
  V1PersistentVolumeClaimStatus: { conditions: CONDITIONS, accessModes: ATOMIC },
  V1ServiceAccount: { secrets: mergeMap('name'), imagePullSecrets: ATOMIC },
  V1ResourceQuotaSpec: { scopes: ATOMIC },
  V1LimitRangeSpec: { limits: ATOMIC },
  V1ComponentStatus: { conditions: mergeMap('type') },
  V1ReplicationControllerStatus: { conditions: CONDITIONS },
  // apps/v1
  V1DeploymentSpec: { strategy: { patchStrategy: 'retainKeys' } },
  V1DeploymentStatus: { conditions: CONDITIONS },
  V1ReplicaSetStatus: { conditions: CONDITIONS },
  V1StatefulSetSpec: { volumeClaimTemplates: ATOMIC },
  V1StatefulSetStatus: { conditions: CONDITIONS },
  V1DaemonSetStatus: { conditions: CONDITIONS },
  // batch/v1
  V1JobStatus: { conditions: { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' } },
  V1CronJobStatus: { active: ATOMIC },
  V1PodFailurePolicy: { rules: ATOMIC },
  // autoscaling/v2
  V2HorizontalPodAutoscalerSpec: { metrics: ATOMIC },
  V2HorizontalPodAutoscalerStatus: { conditions: CONDITIONS, currentMetrics: ATOMIC },
  V2HPAScalingRules: { policies: ATOMIC },
  // networking.k8s.io/v1
  V1IngressSpec: { tls: ATOMIC, rules: ATOMIC },
  V1HTTPIngressRuleValue: { paths: ATOMIC },
  V1NetworkPolicySpec: { ingress: ATOMIC, egress: ATOMIC, policyTypes: ATOMIC },
  V1NetworkPolicyIngressRule: { ports: ATOMIC, from: ATOMIC },
  V1NetworkPolicyEgressRule: { ports: ATOMIC, to: ATOMIC },
  // discovery.k8s.io/v1
  V1EndpointSlice: { endpoints: ATOMIC, ports: ATOMIC },
  V1Endpoint: { addresses: SET },
  // policy/v1
  V1PodDisruptionBudgetStatus: { conditions: CONDITIONS },
  // rbac.authorization.k8s.io/v1
  V1Role: { rules: ATOMIC },
  V1ClusterRole: { rules: ATOMIC },
  V1RoleBinding: { subjects: ATOMIC },
  V1ClusterRoleBinding: { subjects: ATOMIC },
  V1PolicyRule: {
    verbs: ATOMIC,
    apiGroups: ATOMIC,
    resources: ATOMIC,
    resourceNames: ATOMIC,
    nonResourceURLs: ATOMIC,
  },
  // storage.k8s.io/v1
  V1StorageClass: { mountOptions: ATOMIC, allowedTopologies: ATOMIC },
  // apiextensions.k8s.io/v1
  V1CustomResourceDefinitionSpec: { versions: ATOMIC },
  V1CustomResourceDefinitionStatus: { conditions: CONDITIONS, storedVersions: ATOMIC },
};

/**
 * Structs serialized as a unit under server-side apply (`+structType=atomic`): applying one
 * replaces it whole instead of merging its fields.
 */
export const ATOMIC_STRUCTS = new Set([
  'V1LabelSelector',
  'V1LocalObjectReference',
  'V1ObjectReference',
  'V1TypedLocalObjectReference',
  'V1ConfigMapKeySelector',
  'V1SecretKeySelector',
  'V1ObjectFieldSelector',
  'V1ResourceFieldSelector',
  'V1NodeSelector',
  'V1NodeSelectorTerm',
  'V1TopologySelectorTerm',
  'V1ConfigMapEnvSource',
  'V1SecretEnvSource',
  'V1SecretReference',
]);

/**
 * The tags of `model.field`. Any other `conditions` list of a status is keyed by `type`, as
 * every condition list in the built-in API is.
 */
export function fieldTags(model: string, field: string): FieldTags | undefined {
  const tags = FIELD_TAGS[model]?.[field];
  if (tags) return tags;
  if (field === 'conditions' && model.endsWith('Status')) return CONDITIONS;
  return undefined;
}
