/**
 * Quota evaluators (pkg/quota/v1/evaluator/core and the generic object-count evaluator): for a
 * group/resource they say which quota resource names they account for, which admission
 * operations change usage, whether an object falls into a quota's scopes, the constraints a
 * pod must satisfy, and the usage one object charges.
 */
import type { KubeObject } from '../types.ts';
import type { AdmissionOperation } from '../api/admission.ts';
import { podQosClass } from '../api/pod-qos.ts';
import { fromValue, type Quantity } from './quantity.ts';
import { addLists, toResourceList, type ResourceList } from './resource-list.ts';
import { podIsTerminal, podLimits, podRequests, podSpec } from './pod-resources.ts';

export interface ScopeSelector {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface QuotaEvaluator {
  /** `pods`, `services`, `deployments.apps` … */
  readonly groupResource: string;
  handles(operation: AdmissionOperation, subresource: string | undefined): boolean;
  /** The subset of `names` (a quota's hard resources) this evaluator accounts for. */
  matchingResources(names: Iterable<string>): string[];
  matchesScope(selector: ScopeSelector, object: KubeObject): boolean;
  /** An error text when the object lacks what the quota's resources require. */
  constraints(required: string[], object: KubeObject): string | undefined;
  usage(object: KubeObject, now: Date): ResourceList;
}

const ONE = fromValue(1);

/** `count/pods`, `count/deployments.apps`. */
export function objectCountName(groupResource: string): string {
  return `count/${groupResource}`;
}

export function groupResourceOf(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

/** Non-pod objects match no scope: a scoped quota only ever tracks pods. */
const NO_SCOPE = (): boolean => false;

/** Counts objects of any kind: `count/<resource>.<group>` (plus a legacy name for some core kinds). */
export function objectCountEvaluator(groupResource: string, legacyName?: string): QuotaEvaluator {
  const names = [objectCountName(groupResource), ...(legacyName === undefined ? [] : [legacyName])];
  return {
    groupResource,
    handles: (operation, subresource) => operation === 'CREATE' && subresource === undefined,
    matchingResources: (input) => [...input].filter((name) => names.includes(name)),
    matchesScope: NO_SCOPE,
    constraints: () => undefined,
    usage: () => new Map(names.map((name) => [name, ONE])),
  };
}

// ---- pods ----

const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);

/** Resources a quota on cpu/memory forces every container to declare (a historical mistake kept). */
const VALIDATION_SET = new Set([
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
]);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** `requests.nvidia.com/gpu`: extended resources are quota'd by request only. */
function isExtendedQuotaName(name: string): boolean {
  return (
    name.startsWith('requests.') &&
    !isNativeResource(name.slice('requests.'.length)) &&
    !POD_RESOURCES.has(name)
  );
}

function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

/** What one set of requests and limits charges (podComputeUsageHelper). */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([['pods', ONE]]);
  const copy = (from: ResourceList, name: string, ...to: string[]): void => {
    const q = from.get(name);
    if (q !== undefined) for (const target of to) result.set(target, q);
  };
  copy(requests, 'cpu', 'cpu', 'requests.cpu');
  copy(limits, 'cpu', 'limits.cpu');
  copy(requests, 'memory', 'memory', 'requests.memory');
  copy(limits, 'memory', 'limits.memory');
  copy(requests, 'ephemeral-storage', 'ephemeral-storage', 'requests.ephemeral-storage');
  copy(limits, 'ephemeral-storage', 'limits.ephemeral-storage');
  for (const [name, q] of requests) {
    if (name.startsWith('hugepages-')) {
      result.set(name, q);
      result.set(`requests.${name}`, q);
    } else if (isExtendedResource(name)) {
      result.set(`requests.${name}`, q);
    }
  }
  return result;
}

function podMatchesScope(selector: ScopeSelector, pod: KubeObject): boolean {
  const spec = podSpec(pod);
  const terminating = typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
  const bestEffort = podQosClass(pod.spec as Record<string, unknown>) === 'BestEffort';
  switch (selector.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass': {
      const name = spec.priorityClassName ?? '';
      if (selector.operator === 'Exists') return name !== '';
      if (selector.operator === 'DoesNotExist') return name === '';
      const listed = (selector.values ?? []).includes(name) && name !== '';
      return selector.operator === 'In' ? listed : !listed;
    }
    default:
      return false;
  }
}

interface ContainerLike {
  name?: string;
  resources?: { requests?: unknown; limits?: unknown };
}

export const podEvaluator: QuotaEvaluator = {
  groupResource: 'pods',
  handles: (operation, subresource) => operation === 'CREATE' && subresource === undefined,
  matchingResources: (input) =>
    [...input].filter(
      (name) =>
        POD_RESOURCES.has(name) ||
        name.startsWith('hugepages-') ||
        name.startsWith('requests.hugepages-') ||
        isExtendedQuotaName(name),
    ),
  matchesScope: podMatchesScope,
  constraints(required, pod) {
    const requiredSet = required.filter((name) => VALIDATION_SET.has(name));
    if (requiredSet.length === 0) return undefined;
    const missing = new Map<string, Set<string>>();
    const spec = pod.spec as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const usage = computeUsage(
        toResourceList(container.resources?.requests),
        toResourceList(container.resources?.limits),
      );
      for (const name of requiredSet) {
        if (usage.has(name)) continue;
        const names = missing.get(name) ?? new Set<string>();
        names.add(container.name ?? '');
        missing.set(name, names);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()]
      .sort()
      .map((name) => `${name} for: ${[...(missing.get(name) as Set<string>)].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
  usage(pod, now) {
    // count/pods tracks every stored pod; the compute resources stop at the end of its life.
    const result: ResourceList = new Map([['count/pods', ONE]]);
    if (podIsTerminal(pod, now)) return result;
    return addLists(result, computeUsage(podRequests(pod), podLimits(pod)));
  },
};

// ---- services ----

export const serviceEvaluator: QuotaEvaluator = {
  groupResource: 'services',
  handles: (operation, subresource) =>
    (operation === 'CREATE' || operation === 'UPDATE') && subresource === undefined,
  matchingResources: (input) =>
    [...input].filter((name) =>
      ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'].includes(name),
    ),
  matchesScope: NO_SCOPE,
  constraints: () => undefined,
  usage(service) {
    const spec = (service.spec ?? {}) as {
      type?: string;
      ports?: unknown[];
      allocateLoadBalancerNodePorts?: boolean;
    };
    const result: ResourceList = new Map([
      ['count/services', ONE],
      ['services', ONE],
    ]);
    const ports = fromValue((spec.ports ?? []).length);
    if (spec.type === 'NodePort') result.set('services.nodeports', ports);
    if (spec.type === 'LoadBalancer') {
      result.set('services.nodeports', spec.allocateLoadBalancerNodePorts === false ? fromValue(0) : ports);
      result.set('services.loadbalancers', ONE);
    }
    return result;
  },
};

// ---- persistent volume claims ----

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

export function storageClassOfClaim(claim: KubeObject): string {
  const spec = (claim.spec ?? {}) as { storageClassName?: string };
  return (
    spec.storageClassName ?? claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''
  );
}

/** The larger of what the claim asks for and what a resize already allocated. */
function claimStorage(claim: KubeObject): Quantity | undefined {
  const requested = toResourceList(
    (claim.spec as { resources?: { requests?: unknown } } | undefined)?.resources?.requests,
  ).get('storage');
  const allocated = toResourceList(
    (claim.status as { allocatedResources?: unknown } | undefined)?.allocatedResources,
  ).get('storage');
  if (requested === undefined) return allocated;
  if (allocated === undefined) return requested;
  return allocated.nanos > requested.nanos ? allocated : requested;
}

export const claimEvaluator: QuotaEvaluator = {
  groupResource: 'persistentvolumeclaims',
  handles: (operation, subresource) =>
    (operation === 'CREATE' || operation === 'UPDATE') && subresource === undefined,
  matchingResources: (input) =>
    [...input].filter(
      (name) =>
        ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(name) ||
        (name.includes(STORAGE_CLASS_SUFFIX) &&
          (name.endsWith('/requests.storage') || name.endsWith('/persistentvolumeclaims'))),
    ),
  matchesScope: NO_SCOPE,
  constraints: () => undefined,
  usage(claim) {
    const result: ResourceList = new Map([
      ['count/persistentvolumeclaims', ONE],
      ['persistentvolumeclaims', ONE],
    ]);
    const storageClass = storageClassOfClaim(claim);
    if (storageClass !== '') result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    const storage = claimStorage(claim);
    if (storage !== undefined) {
      result.set('requests.storage', storage);
      if (storageClass !== '') result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return result;
  },
};

/** Core kinds whose object count also has a legacy quota name. */
const LEGACY_COUNT_NAMES: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
};

const SPECIFIC: Record<string, QuotaEvaluator> = {
  pods: podEvaluator,
  services: serviceEvaluator,
  persistentvolumeclaims: claimEvaluator,
};

/** The evaluator for a group/resource; every resource at least has an object count. */
export function evaluatorFor(groupResource: string): QuotaEvaluator {
  return SPECIFIC[groupResource] ?? objectCountEvaluator(groupResource, LEGACY_COUNT_NAMES[groupResource]);
}

/** The group/resource a quota resource name is about, when it names an object count. */
export function countedGroupResource(name: string): string | undefined {
  if (name.startsWith('count/')) return name.slice('count/'.length);
  for (const [groupResource, legacy] of Object.entries(LEGACY_COUNT_NAMES))
    if (legacy === name) return groupResource;
  return undefined;
}

/** The group/resources whose objects a quota with these hard names needs to look at. */
export function trackedGroupResources(hardNames: Iterable<string>): Set<string> {
  const names = [...hardNames];
  const result = new Set<string>();
  for (const evaluator of Object.values(SPECIFIC)) {
    if (evaluator.matchingResources(names).length > 0) result.add(evaluator.groupResource);
  }
  for (const name of names) {
    const counted = countedGroupResource(name);
    if (counted !== undefined) result.add(counted);
  }
  return result;
}
