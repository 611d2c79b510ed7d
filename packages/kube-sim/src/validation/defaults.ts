/**
 * applyDefaults: the fields a real API server fills in when an object is created or replaced,
 * the ones users see in `kubectl get -o yaml` without having written them (the versioned
 * defaulters of each group, plus the few values admission and the REST layer always set).
 * Returns a defaulted copy; the input is not modified.
 */
import type { ResourceKind } from '../registry/builtin-kinds.ts';
import type { KubeObject } from '../types.ts';
import { deepCopy } from '../store/deep-copy.ts';
import { defaultPod, defaultPodTemplate, defaultTemplateMetadata } from './pod-defaults.ts';

type Obj = Record<string, unknown>;
type Defaulter = (obj: Obj) => void;

const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];

function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

/** The object's `spec`, created when missing. */
function specOf(obj: Obj): Obj {
  if (!obj.spec || typeof obj.spec !== 'object') obj.spec = {};
  return obj.spec as Obj;
}

function child(obj: Obj, key: string): Obj {
  if (!obj[key] || typeof obj[key] !== 'object') obj[key] = {};
  return obj[key] as Obj;
}

function defaultDeployment(obj: Obj): void {
  const spec = specOf(obj);
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = child(strategy, 'rollingUpdate');
    setDefault(rolling, 'maxUnavailable', '25%');
    setDefault(rolling, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(child(spec, 'template'));
}

function defaultReplicaSet(obj: Obj): void {
  setDefault(specOf(obj), 'replicas', 1);
  defaultPodTemplate(child(specOf(obj), 'template'));
}

function defaultClaimTemplate(claim: Obj): void {
  setDefault(claim, 'apiVersion', 'v1');
  setDefault(claim, 'kind', 'PersistentVolumeClaim');
  defaultTemplateMetadata(claim);
  setDefault(specOf(claim), 'volumeMode', 'Filesystem');
  setDefault(child(claim, 'status'), 'phase', 'Pending');
}

function defaultStatefulSet(obj: Obj): void {
  const spec = specOf(obj);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    child(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate)
    setDefault(asObj(strategy.rollingUpdate), 'partition', 0);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(child(spec, 'template'));
  for (const claim of asList(spec.volumeClaimTemplates)) defaultClaimTemplate(claim);
}

function defaultDaemonSet(obj: Obj): void {
  const spec = specOf(obj);
  const strategy = child(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = child(strategy, 'rollingUpdate');
    setDefault(rolling, 'maxUnavailable', 1);
    setDefault(rolling, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(child(spec, 'template'));
}

/**
 * Job defaults; with a uid (known once the server accepted the object) also the selector and
 * template labels the server generates when the user did not pick a selector.
 */
function defaultJob(obj: Obj): void {
  const spec = specOf(obj);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  for (const rule of asList(asObj(spec.podFailurePolicy).rules)) {
    for (const pattern of asList(rule.onPodConditions)) setDefault(pattern, 'status', 'True');
  }
  const template = child(spec, 'template');
  defaultPodTemplate(template);
  const meta = asObj(obj.metadata);
  const uid = typeof meta.uid === 'string' ? meta.uid : '';
  if (uid && spec.manualSelector !== true && !spec.selector) {
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    const templateMeta = asObj(template.metadata);
    templateMeta.labels = {
      ...asObj(templateMeta.labels),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': String(meta.name ?? ''),
      'controller-uid': uid,
      'job-name': String(meta.name ?? ''),
    };
    template.metadata = templateMeta;
  }
  const templateLabels = asObj(asObj(template.metadata).labels);
  if (Object.keys(asObj(meta.labels)).length === 0 && Object.keys(templateLabels).length > 0) {
    meta.labels = { ...templateLabels };
  }
}

function defaultCronJob(obj: Obj): void {
  const spec = specOf(obj);
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = child(spec, 'jobTemplate');
  defaultTemplateMetadata(jobTemplate);
  defaultPodTemplate(child(specOf(jobTemplate), 'template'));
}

function defaultService(obj: Obj): void {
  const spec = specOf(obj);
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = child(child(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(clientIP, 'timeoutSeconds', 10800);
  }
  for (const port of asList(spec.ports)) {
    setDefault(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  const externallyReachable =
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (externallyReachable) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    // Set by the REST layer when it allocates the service's IPs (single-stack IPv4 cluster).
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  }
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

function scalingRules(rules: Obj, stabilization: number, policies: Obj[]): Obj {
  setDefault(rules, 'stabilizationWindowSeconds', stabilization);
  setDefault(rules, 'selectPolicy', 'Max');
  if (asList(rules.policies).length === 0) rules.policies = policies;
  return rules;
}

function defaultHorizontalPodAutoscaler(obj: Obj): void {
  const spec = specOf(obj);
  setDefault(spec, 'minReplicas', 1);
  if (asList(spec.metrics).length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ];
  }
  const behavior = child(spec, 'behavior');
  behavior.scaleUp = scalingRules(asObj(behavior.scaleUp), 0, [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);
  behavior.scaleDown = scalingRules(asObj(behavior.scaleDown), 300, [
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);
}

/** Secrets are stored with stringData merged into (base64) data, and are Opaque by default. */
function defaultSecret(obj: Obj): void {
  setDefault(obj, 'type', 'Opaque');
  const stringData = asObj(obj.stringData);
  if (Object.keys(stringData).length > 0) {
    const data = asObj(obj.data);
    for (const [key, value] of Object.entries(stringData))
      data[key] = Buffer.from(String(value)).toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
}

const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': defaultPod,
  '/Service': defaultService,
  '/Secret': defaultSecret,
  '/Namespace': (obj) => {
    const spec = specOf(obj);
    if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
    setDefault(child(obj, 'status'), 'phase', 'Active');
  },
  '/PersistentVolumeClaim': (obj) => {
    setDefault(specOf(obj), 'volumeMode', 'Filesystem');
    setDefault(child(obj, 'status'), 'phase', 'Pending');
  },
  '/PersistentVolume': (obj) => {
    setDefault(specOf(obj), 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(specOf(obj), 'volumeMode', 'Filesystem');
    setDefault(child(obj, 'status'), 'phase', 'Pending');
  },
  '/Endpoints': (obj) => {
    for (const subset of asList(obj.subsets))
      for (const port of asList(subset.ports)) setDefault(port, 'protocol', 'TCP');
  },
  'discovery.k8s.io/EndpointSlice': (obj) => {
    for (const port of asList(obj.ports)) setDefault(port, 'protocol', 'TCP');
  },
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'autoscaling/HorizontalPodAutoscaler': defaultHorizontalPodAutoscaler,
  'networking.k8s.io/NetworkPolicy': (obj) => {
    const spec = specOf(obj);
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
      spec.policyTypes =
        Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    }
    for (const rule of [...asList(spec.ingress), ...asList(spec.egress)]) {
      for (const port of asList(rule.ports)) setDefault(port, 'protocol', 'TCP');
    }
  },
  'storage.k8s.io/StorageClass': (obj) => {
    setDefault(obj, 'reclaimPolicy', 'Delete');
    setDefault(obj, 'volumeBindingMode', 'Immediate');
  },
  'apiextensions.k8s.io/CustomResourceDefinition': (obj) => {
    const spec = specOf(obj);
    const names = child(spec, 'names');
    if (typeof names.kind === 'string') {
      setDefault(names, 'listKind', `${names.kind}List`);
      setDefault(names, 'singular', names.kind.toLowerCase());
    }
    setDefault(child(spec, 'conversion'), 'strategy', 'None');
  },
};

export function applyDefaults(kind: Pick<ResourceKind, 'group' | 'kind'>, obj: KubeObject): KubeObject {
  const copy = deepCopy(obj);
  DEFAULTERS[`${kind.group}/${kind.kind}`]?.(copy);
  return copy;
}
