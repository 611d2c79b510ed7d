/** HPA status conditions: a transition time that moves only when the status flips. */
import { timestamp } from '../api/request-context.ts';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The order kubectl describe shows them in. */
const ORDER = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];

export function setCondition(
  conditions: Condition[],
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: Date,
): Condition[] {
  const existing = conditions.find((c) => c.type === type);
  const lastTransitionTime =
    existing !== undefined && existing.status === status ? existing.lastTransitionTime : timestamp(now);
  const next: Condition = { type, status, lastTransitionTime, reason, message };
  const others = conditions.filter((c) => c.type !== type);
  const result = [...others, next].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  conditions.splice(0, conditions.length, ...result);
  return conditions;
}
