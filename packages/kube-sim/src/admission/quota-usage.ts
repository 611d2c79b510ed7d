/**
 * What a quota's status should say, computed from the objects in its namespace
 * (quota.CalculateUsage): every tracked resource gets a value (zero when nothing uses it),
 * objects outside the quota's scopes are not counted.
 */
import type { KubeObject } from '../types.ts';
import { ZERO } from './quantity.ts';
import { evaluatorFor, trackedGroupResources } from './quota-evaluators.ts';
import { scopeSelectorsOf } from './quota-scopes.ts';
import { addLists, mask, toResourceList, type ResourceList } from './resource-list.ts';

/** Lists the objects of a group/resource (`pods`, `deployments.apps`) in a namespace. */
export type ObjectLister = (groupResource: string, namespace: string) => readonly KubeObject[];

export function hardOf(quota: KubeObject): ResourceList {
  return toResourceList((quota.spec as { hard?: unknown } | undefined)?.hard);
}

export function calculateUsage(quota: KubeObject, list: ObjectLister, now: Date): ResourceList {
  const hard = hardOf(quota);
  const hardNames = [...hard.keys()];
  const selectors = scopeSelectorsOf(quota);
  const namespace = quota.metadata.namespace ?? '';
  let used: ResourceList = new Map();
  for (const groupResource of trackedGroupResources(hardNames)) {
    const evaluator = evaluatorFor(groupResource);
    const resources = evaluator.matchingResources(hardNames);
    if (resources.length === 0) continue;
    let stats: ResourceList = new Map(resources.map((name) => [name, ZERO]));
    for (const object of list(groupResource, namespace)) {
      if (!selectors.every((selector) => evaluator.matchesScope(selector, object))) continue;
      stats = addLists(stats, mask(evaluator.usage(object, now), resources));
    }
    used = addLists(used, stats);
  }
  return mask(used, hardNames);
}
