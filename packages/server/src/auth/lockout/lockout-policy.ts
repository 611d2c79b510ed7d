import type { LoginAttempt } from './store.ts';

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** 5 failures within 10 minutes lock the account for 15 minutes. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 10 * 60_000,
  lockMs: 15 * 60_000,
};

/**
 * When the account unlocks, or null if it is not locked. `latest` are the newest attempts
 * first. Attempts refused while locked are not recorded, so a lock cannot extend itself, and
 * a success in between breaks the run of failures.
 */
export function lockedUntil(
  latest: readonly LoginAttempt[],
  now: number,
  policy: LockoutPolicy,
): number | null {
  const run = latest.slice(0, policy.maxFailures);
  if (run.length < policy.maxFailures || run.some((a) => a.succeeded)) return null;
  const newest = run[0]!.attemptedAt;
  const oldest = run[run.length - 1]!.attemptedAt;
  if (newest - oldest > policy.windowMs) return null;
  const until = newest + policy.lockMs;
  return now < until ? until : null;
}
