/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger): on pod create it fills
 * in the namespace's default requests and limits for containers that lack them (and says so
 * in the `kubernetes.io/limit-ranger` annotation), then enforces min, max and
 * maxLimitRequestRatio per Container and per Pod, and min/max storage per
 * PersistentVolumeClaim, refusing with the real messages. It also applies the API defaults of
 * LimitRange items themselves (default → defaultRequest, max → default, min → defaultRequest).
 */
import type { KubeObject } from '../types.ts';
import type { AdmissionPlugin, AdmissionRequest } from '../api/admission.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { forbidden, qualifiedResource } from '../api/errors.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { podLimits, podRequests } from './pod-resources.ts';
import { formatQuantity, milliValue, parseQuantity, value, type Quantity } from './quantity.ts';
import { toResourceList, type ResourceList } from './resource-list.ts';

export const LIMIT_RANGER_PLUGIN = 'LimitRanger';
const ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitItem {
  type?: string;
  min?: Record<string, unknown>;
  max?: Record<string, unknown>;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  maxLimitRequestRatio?: Record<string, unknown>;
}

interface Container {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

function itemsOf(limitRange: KubeObject): LimitItem[] {
  return ((limitRange.spec as { limits?: LimitItem[] } | undefined)?.limits ?? []) as LimitItem[];
}

/** SetDefaults_LimitRangeItem, for Container items. */
export function defaultLimitRangeItems(limitRange: KubeObject): void {
  for (const item of itemsOf(limitRange)) {
    if (item.type !== 'Container') continue;
    const defaults = { ...(item.default ?? {}) };
    const requests = { ...(item.defaultRequest ?? {}) };
    for (const [name, q] of Object.entries(item.max ?? {})) if (!(name in defaults)) defaults[name] = q;
    for (const [name, q] of Object.entries(defaults)) if (!(name in requests)) requests[name] = q;
    for (const [name, q] of Object.entries(item.min ?? {})) if (!(name in requests)) requests[name] = q;
    if (Object.keys(defaults).length > 0) item.default = defaults;
    if (Object.keys(requests).length > 0) item.defaultRequest = requests;
  }
}

/** The requests/limits a container without its own gets (defaultContainerResourceRequirements). */
function containerDefaults(limitRange: KubeObject): {
  requests: Record<string, unknown>;
  limits: Record<string, unknown>;
} {
  const requests: Record<string, unknown> = {};
  const limits: Record<string, unknown> = {};
  for (const item of itemsOf(limitRange)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainer(
  container: Container,
  defaults: ReturnType<typeof containerDefaults>,
  prefix: string,
  notes: string[],
): void {
  const resources = (container.resources ??= {});
  const limits = (resources.limits ??= {});
  const requests = (resources.requests ??= {});
  const setLimits = Object.keys(defaults.limits).filter((name) => !(name in limits));
  const setRequests = Object.keys(defaults.requests).filter((name) => !(name in requests));
  for (const name of setLimits) limits[name] = formatQuantity(parseQuantity(defaults.limits[name]));
  for (const name of setRequests) requests[name] = formatQuantity(parseQuantity(defaults.requests[name]));
  if (setRequests.length > 0)
    notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name ?? ''}`);
  if (setLimits.length > 0)
    notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name ?? ''}`);
  if (Object.keys(limits).length === 0) delete resources.limits;
  if (Object.keys(requests).length === 0) delete resources.requests;
}

function applyPodDefaults(pod: KubeObject, limitRange: KubeObject): void {
  const defaults = containerDefaults(limitRange);
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const notes: string[] = [];
  for (const container of spec.containers ?? []) mergeContainer(container, defaults, 'container', notes);
  for (const container of spec.initContainers ?? [])
    mergeContainer(container, defaults, 'init container', notes);
  if (notes.length > 0) {
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
    };
  }
}

/** Request, limit and bound in milli-units when they fit, else whole units (requestLimitEnforcedValues). */
function comparable(...qs: (Quantity | undefined)[]): bigint[] {
  const MAX_MILLI = 2n ** 63n / 1000n;
  const whole = qs.map((q) => (q === undefined ? 0n : value(q)));
  if (whole.every((v) => v <= MAX_MILLI)) return qs.map((q) => (q === undefined ? 0n : milliValue(q)));
  return whole;
}

function minConstraint(
  type: string,
  name: string,
  bound: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, b] = comparable(req, lim, bound) as [bigint, bigint, bigint];
  const min = formatQuantity(bound);
  if (req === undefined) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (r < b) return `minimum ${name} usage per ${type} is ${min}, but request is ${formatQuantity(req)}`;
  if (lim !== undefined && l < b)
    return `minimum ${name} usage per ${type} is ${min}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

function maxConstraint(
  type: string,
  name: string,
  bound: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, b] = comparable(req, lim, bound) as [bigint, bigint, bigint];
  const max = formatQuantity(bound);
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (l > b) return `maximum ${name} usage per ${type} is ${max}, but limit is ${formatQuantity(lim)}`;
  if (req !== undefined && r > b)
    return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

function maxRequestConstraint(
  type: string,
  name: string,
  bound: Quantity,
  requests: ResourceList,
): string | undefined {
  const req = requests.get(name);
  const [r, , b] = comparable(req, undefined, bound) as [bigint, bigint, bigint];
  const max = formatQuantity(bound);
  if (req === undefined) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`;
  if (r > b) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

function ratioConstraint(
  type: string,
  name: string,
  bound: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = comparable(req, lim, bound) as [bigint, bigint, bigint];
  const ratio = formatQuantity(bound);
  if (req === undefined || r === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`;
  }
  if (lim === undefined || l === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`;
  }
  const observed = Number(l) / Number(r);
  if (observed * 1000 > Number(milliValue(bound))) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

function checkBounds(
  item: LimitItem,
  type: string,
  requests: ResourceList,
  limits: ResourceList,
  errors: string[],
): void {
  const push = (message: string | undefined): void => {
    if (message !== undefined) errors.push(message);
  };
  for (const [name, q] of toResourceList(item.min)) push(minConstraint(type, name, q, requests, limits));
  for (const [name, q] of toResourceList(item.max)) push(maxConstraint(type, name, q, requests, limits));
  for (const [name, q] of toResourceList(item.maxLimitRequestRatio))
    push(ratioConstraint(type, name, q, requests, limits));
}

function validatePod(pod: KubeObject, limitRange: KubeObject): string[] {
  const errors: string[] = [];
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  for (const item of itemsOf(limitRange)) {
    if (item.type === 'Container') {
      for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        const requests = toResourceList(container.resources?.requests);
        const limits = toResourceList(container.resources?.limits);
        checkBounds(item, 'Container', requests, limits, errors);
      }
    } else if (item.type === 'Pod') {
      checkBounds(item, 'Pod', podRequests(pod), podLimits(pod), errors);
    }
  }
  return errors;
}

function validateClaim(claim: KubeObject, limitRange: KubeObject): string[] {
  const errors: string[] = [];
  const requests = toResourceList(
    (claim.spec as { resources?: { requests?: unknown } } | undefined)?.resources?.requests,
  );
  for (const item of itemsOf(limitRange)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [name, q] of toResourceList(item.min)) {
      const message = minConstraint('PersistentVolumeClaim', name, q, requests, new Map());
      if (message !== undefined) errors.push(message);
    }
    for (const [name, q] of toResourceList(item.max)) {
      const message = maxRequestConstraint('PersistentVolumeClaim', name, q, requests);
      if (message !== undefined) errors.push(message);
    }
  }
  return errors;
}

function refuse(request: AdmissionRequest, errors: string[]): Error {
  const ref = { group: request.kind.group, resource: request.kind.resource };
  const subject = `${qualifiedResource(ref)} "${request.name}"`;
  const message = errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
  return forbidden(`${subject} is forbidden: ${message}`, { ...ref, name: request.name });
}

function isCore(request: AdmissionRequest, kind: string): boolean {
  return request.kind.group === '' && request.kind.kind === kind && request.subresource === undefined;
}

export function limitRangerPlugin(api: ResourceApi): AdmissionPlugin {
  const limitRangeKind = api.kind('', 'v1', 'limitranges');
  const rangesIn = (namespace: string): KubeObject[] =>
    api.list(limitRangeKind, namespace, defaultListOptions()).items;
  const applies = (request: AdmissionRequest): boolean => {
    if (request.object === undefined || request.oldObject?.metadata.deletionTimestamp !== undefined)
      return false;
    if (isCore(request, 'Pod')) return request.operation === 'CREATE';
    return (
      isCore(request, 'PersistentVolumeClaim') &&
      (request.operation === 'CREATE' || request.operation === 'UPDATE')
    );
  };
  return {
    name: LIMIT_RANGER_PLUGIN,
    mutate(request) {
      if (isCore(request, 'LimitRange') && request.object !== undefined) {
        if (request.operation === 'CREATE' || request.operation === 'UPDATE')
          defaultLimitRangeItems(request.object);
        return;
      }
      if (!applies(request) || request.kind.kind !== 'Pod') return;
      for (const limitRange of rangesIn(request.namespace))
        applyPodDefaults(request.object as KubeObject, limitRange);
    },
    validate(request) {
      if (!applies(request)) return;
      const object = request.object as KubeObject;
      for (const limitRange of rangesIn(request.namespace)) {
        const errors =
          request.kind.kind === 'Pod' ? validatePod(object, limitRange) : validateClaim(object, limitRange);
        if (errors.length > 0) throw refuse(request, errors);
      }
    },
  };
}
