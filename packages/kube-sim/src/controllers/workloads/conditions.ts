/** Status conditions the way the apps and batch controllers maintain them. */
import { timestamp } from '../../api/request-context.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string;
}

export function findCondition<C extends Condition>(conditions: C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition; a condition already present with the same status and reason is kept as is
 * (deploymentutil.SetDeploymentCondition); the transition time survives a change of reason only.
 */
export function setCondition<C extends Condition>(conditions: C[], condition: C): C[] {
  const current = findCondition(conditions, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason)
    return conditions;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status && current.lastTransitionTime)
    next.lastTransitionTime = current.lastTransitionTime;
  return [...conditions.filter((c) => c.type !== condition.type), next];
}

export function removeCondition<C extends Condition>(conditions: C[], type: string): C[] {
  return conditions.filter((c) => c.type !== type);
}

/** A Deployment condition: both update and transition times are "now". */
export function deploymentCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: Date,
): Condition {
  const at = timestamp(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}
