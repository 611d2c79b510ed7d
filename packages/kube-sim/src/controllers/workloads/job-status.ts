/** Job status and conditions as the Job controller writes them. */
import type { KubeObject } from '../../types.ts';
import { timestamp } from '../../api/request-context.ts';
import { findCondition, type Condition } from './conditions.ts';

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  ready?: number;
}

export interface FinishedCondition {
  /** The interim condition: FailureTarget or SuccessCriteriaMet. */
  type: 'FailureTarget' | 'SuccessCriteriaMet';
  reason: string;
  message: string;
}

export const BACKOFF_LIMIT_EXCEEDED: FinishedCondition = {
  type: 'FailureTarget',
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
};

export const DEADLINE_EXCEEDED: FinishedCondition = {
  type: 'FailureTarget',
  reason: 'DeadlineExceeded',
  message: 'Job was active longer than specified deadline',
};

export const COMPLETIONS_REACHED: FinishedCondition = {
  type: 'SuccessCriteriaMet',
  reason: 'CompletionsReached',
  message: 'Reached expected number of succeeded pods',
};

export function jobStatus(job: KubeObject): JobStatus {
  return (job.status ?? {}) as JobStatus;
}

export function newJobCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: Date,
): Condition {
  const at = timestamp(now);
  return { type, status, lastProbeTime: at, lastTransitionTime: at, reason, message };
}

/** Complete or Failed (True): the Job will not run pods again. */
export function finishedType(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of jobStatus(job).conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** The interim condition recorded by an earlier sync, if the Job is finishing. */
export function interimCondition(status: JobStatus): FinishedCondition | undefined {
  for (const type of ['FailureTarget', 'SuccessCriteriaMet'] as const) {
    const c = findCondition(status.conditions, type);
    if (c?.status === 'True') return { type, reason: c.reason ?? '', message: c.message ?? '' };
  }
  return undefined;
}

/**
 * ensureJobConditionStatus: sets a condition when its status, reason or message differs; a False
 * condition is only recorded over an existing one. True when something changed.
 */
export function ensureJobCondition(
  status: JobStatus,
  type: string,
  value: string,
  reason: string,
  message: string,
  now: Date,
): boolean {
  const conditions = status.conditions ?? [];
  const index = conditions.findIndex((c) => c.type === type);
  const current = conditions[index];
  if (current !== undefined) {
    if (current.status === value && current.reason === reason && current.message === message) return false;
    conditions[index] = newJobCondition(type, value, reason, message, now);
    status.conditions = conditions;
    return true;
  }
  if (value === 'False') return false;
  status.conditions = [...conditions, newJobCondition(type, value, reason, message, now)];
  return true;
}
