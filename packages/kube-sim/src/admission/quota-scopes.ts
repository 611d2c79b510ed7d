/** Whether a ResourceQuota applies to an object: it tracks one of its resources and all its scopes match. */
import type { KubeObject } from '../types.ts';
import type { QuotaEvaluator, ScopeSelector } from './quota-evaluators.ts';

export interface QuotaSpec {
  hard?: Record<string, unknown>;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeSelector[] };
}

export function quotaSpec(quota: KubeObject): QuotaSpec {
  return (quota.spec ?? {}) as QuotaSpec;
}

/** spec.scopes (each an Exists requirement) followed by spec.scopeSelector's expressions. */
export function scopeSelectorsOf(quota: KubeObject): ScopeSelector[] {
  const spec = quotaSpec(quota);
  return [
    ...(spec.scopes ?? []).map((scopeName): ScopeSelector => ({ scopeName, operator: 'Exists' })),
    ...(spec.scopeSelector?.matchExpressions ?? []),
  ];
}

export function quotaMatches(
  quota: KubeObject,
  hardNames: string[],
  evaluator: QuotaEvaluator,
  object: KubeObject,
): boolean {
  if (evaluator.matchingResources(hardNames).length === 0) return false;
  return scopeSelectorsOf(quota).every((selector) => evaluator.matchesScope(selector, object));
}
