/**
 * Defaults of pod specs and their parts (pkg/apis/core/v1/defaults.go), applied to pods and to
 * every pod template: restart and DNS policy, scheduler, grace period, an empty security
 * context, and per container the pull policy, termination message settings, `resources: {}`,
 * port protocols, probe timings and volume modes. Pods also get what admission adds on create:
 * the default service account, priority 0 and the not-ready/unreachable tolerations.
 */

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];

function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

/** `nginx` and `nginx:latest` are pulled every time; tagged or digested images only when missing. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const withoutDigest = image.split('@');
  if (withoutDigest.length > 1) {
    const tag = /:([\w][\w.-]{0,127})$/.exec((withoutDigest[0] ?? '').replace(/^.*\//, ''))?.[1];
    return tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!probe || typeof probe !== 'object') return;
  const p = probe as Obj;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (p.httpGet && typeof p.httpGet === 'object') {
    setDefault(p.httpGet as Obj, 'path', '/');
    setDefault(p.httpGet as Obj, 'scheme', 'HTTP');
  }
}

function defaultEnv(env: Obj): void {
  const fieldRef = asObj(env.valueFrom).fieldRef;
  if (fieldRef && typeof fieldRef === 'object') setDefault(fieldRef as Obj, 'apiVersion', 'v1');
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  setDefault(c, 'imagePullPolicy', defaultPullPolicy(typeof c.image === 'string' ? c.image : ''));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  if (!c.resources || typeof c.resources !== 'object') c.resources = {};
  for (const port of asList(c.ports)) {
    setDefault(port, 'protocol', 'TCP');
    if (hostNetwork && port.hostPort === undefined) port.hostPort = port.containerPort;
  }
  for (const env of asList(c.env)) defaultEnv(env);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

const DEFAULT_MODE = 420; // 0644

function defaultVolume(volume: Obj): void {
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (volume[source] && typeof volume[source] === 'object')
      setDefault(volume[source] as Obj, 'defaultMode', DEFAULT_MODE);
  }
  for (const projection of asList(asObj(volume.projected).sources)) {
    const token = projection.serviceAccountToken;
    if (token && typeof token === 'object') setDefault(token as Obj, 'expirationSeconds', 3600);
  }
  if (volume.hostPath && typeof volume.hostPath === 'object') setDefault(volume.hostPath as Obj, 'type', '');
}

/** Defaults of a PodSpec (in place). */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!spec.securityContext || typeof spec.securityContext !== 'object') spec.securityContext = {};
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  const hostNetwork = spec.hostNetwork === true;
  for (const c of [
    ...asList(spec.initContainers),
    ...asList(spec.containers),
    ...asList(spec.ephemeralContainers),
  ]) {
    defaultContainer(c, hostNetwork);
  }
  for (const volume of asList(spec.volumes)) defaultVolume(volume);
}

/** Defaults of a template's metadata: a template's creationTimestamp serializes as null. */
export function defaultTemplateMetadata(template: Obj): void {
  const metadata = asObj(template.metadata);
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
  template.metadata = metadata;
}

export function defaultPodTemplate(template: unknown): void {
  if (!template || typeof template !== 'object') return;
  const t = template as Obj;
  defaultTemplateMetadata(t);
  if (!t.spec || typeof t.spec !== 'object') t.spec = {};
  defaultPodSpec(t.spec as Obj);
}

const NO_EXECUTE_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** Defaults of a Pod object, including those the admission chain adds on create. */
export function defaultPod(pod: Obj): void {
  if (!pod.spec || typeof pod.spec !== 'object') pod.spec = {};
  const spec = pod.spec as Obj;
  defaultPodSpec(spec);
  for (const c of [...asList(spec.initContainers), ...asList(spec.containers)]) {
    // Requests default to limits on pods (not on templates).
    const resources = asObj(c.resources);
    const limits = asObj(resources.limits);
    if (Object.keys(limits).length > 0) resources.requests = { ...limits, ...asObj(resources.requests) };
  }
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'serviceAccountName', spec.serviceAccount ?? 'default');
  setDefault(spec, 'serviceAccount', spec.serviceAccountName);
  setDefault(spec, 'priority', 0);
  const tolerations = asList(spec.tolerations);
  for (const key of NO_EXECUTE_TAINTS) {
    const tolerated = tolerations.some(
      (t) =>
        (t.key === key || (t.key === undefined && t.operator === 'Exists')) &&
        (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute'),
    );
    if (!tolerated)
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}
