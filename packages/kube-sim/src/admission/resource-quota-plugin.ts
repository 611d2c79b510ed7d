/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota): for every create or
 * update that changes usage, check every quota in the namespace that tracks it, refuse with the
 * real 403 message when a quota would be exceeded, and otherwise charge the usage into the
 * quotas' status.used in the same synchronous write — so concurrent creates can never
 * over-admit. It must run after every other validating plugin (a later refusal would leave a
 * charge behind), which is why it is registered pinned last.
 */
import type { KubeObject } from '../types.ts';
import type { AdmissionPlugin, AdmissionRequest } from '../api/admission.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { forbidden, qualifiedResource } from '../api/errors.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import { evaluatorFor, groupResourceOf, type QuotaEvaluator } from './quota-evaluators.ts';
import { quotaMatches } from './quota-scopes.ts';
import {
  addLists,
  fromResourceList,
  lessThanOrEqual,
  listIsZero,
  listsEqual,
  mask,
  negativeNames,
  prettyPrint,
  subtractNonNegative,
  toResourceList,
  type ResourceList,
} from './resource-list.ts';

export const RESOURCE_QUOTA_PLUGIN = 'ResourceQuota';

interface QuotaState {
  quota: KubeObject;
  hard: ResourceList;
  used: ResourceList;
}

function statusOf(quota: KubeObject): { hard?: unknown; used?: unknown } {
  return (quota.status ?? {}) as { hard?: unknown; used?: unknown };
}

export function resourceQuotaPlugin(api: ResourceApi): AdmissionPlugin {
  const quotaKind = api.kind('', 'v1', 'resourcequotas');
  return {
    name: RESOURCE_QUOTA_PLUGIN,
    validate(request) {
      if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return;
      if (request.namespace === '' || !request.kind.persisted || request.object === undefined) return;
      const evaluator = evaluatorFor(groupResourceOf(request.kind.group, request.kind.resource));
      if (!evaluator.handles(request.operation, request.subresource)) return;
      const quotas = api.list(quotaKind, request.namespace, defaultListOptions()).items;
      if (quotas.length === 0) return;
      const charged = checkRequest(request, evaluator, quotas, api.deps.clock.now());
      if (charged.length === 0 || request.dryRun) return;
      const args = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'kube-apiserver' } };
      for (const { quota, used } of charged) {
        const updated = structuredClone(quota);
        updated.status = { ...statusOf(quota), used: fromResourceList(used) };
        api.updateStatus(quotaKind, request.namespace, quota.metadata.name ?? '', updated, args);
      }
    },
  };
}

function refuse(request: AdmissionRequest, message: string): Error {
  const ref = { group: request.kind.group, resource: request.kind.resource };
  const subject =
    request.name === '' ? qualifiedResource(ref) : `${qualifiedResource(ref)} "${request.name}"`;
  return forbidden(`${subject} is forbidden: ${message}`, { ...ref, name: request.name });
}

/** CheckRequest: returns the quotas whose usage changes (with their new usage), or throws. */
function checkRequest(
  request: AdmissionRequest,
  evaluator: QuotaEvaluator,
  quotas: KubeObject[],
  now: Date,
): QuotaState[] {
  const object = request.object as KubeObject;
  const interesting: QuotaState[] = [];
  for (const quota of quotas) {
    const hard = toResourceList(statusOf(quota).hard);
    const hardNames = [...hard.keys()];
    if (!quotaMatches(quota, hardNames, evaluator, object)) continue;
    const restricted = evaluator.matchingResources(hardNames);
    const constraint = evaluator.constraints(restricted, object);
    if (constraint !== undefined) {
      throw refuse(request, `failed quota: ${quota.metadata.name ?? ''}: ${constraint}`);
    }
    const used = toResourceList(statusOf(quota).used);
    if (restricted.some((name) => !used.has(name))) {
      throw refuse(
        request,
        `status unknown for quota: ${quota.metadata.name ?? ''}, resources: ${[...restricted].sort().join(',')}`,
      );
    }
    interesting.push({ quota, hard, used });
  }
  if (interesting.length === 0) return [];
  let delta = evaluator.usage(object, now);
  const negative = negativeNames(delta);
  if (negative.length > 0) {
    throw refuse(request, `quota usage is negative for resource(s): ${negative.sort().join(',')}`);
  }
  if (request.operation === 'UPDATE' && request.oldObject?.metadata.resourceVersion) {
    delta = subtractNonNegative(delta, evaluator.usage(request.oldObject, now));
  }
  if (listIsZero(delta)) return [];
  const changed: QuotaState[] = [];
  for (const state of interesting) {
    const requested = mask(delta, state.hard.keys());
    const newUsage = addLists(state.used, requested);
    const { allowed, exceeded } = lessThanOrEqual(mask(newUsage, requested.keys()), state.hard);
    if (!allowed) {
      throw refuse(
        request,
        `exceeded quota: ${state.quota.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(state.used, exceeded))}, limited: ${prettyPrint(mask(state.hard, exceeded))}`,
      );
    }
    if (!listsEqual(newUsage, state.used)) changed.push({ ...state, used: newUsage });
  }
  return changed;
}
