import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY, lockedUntil } from './lockout-policy.ts';
import type { LoginAttempt } from './store.ts';

const MIN = 60_000;
const fail = (at: number): LoginAttempt => ({ succeeded: false, attemptedAt: at });
/** Newest first, as the store returns them. */
const attempts = (...times: number[]) => times.map(fail).reverse();

describe('lockedUntil', () => {
  it('locks for 15 minutes after 5 failures within 10 minutes', () => {
    const history = attempts(0, MIN, 2 * MIN, 3 * MIN, 9 * MIN);
    expect(lockedUntil(history, 9 * MIN, DEFAULT_LOCKOUT_POLICY)).toBe(24 * MIN);
    expect(lockedUntil(history, 24 * MIN - 1, DEFAULT_LOCKOUT_POLICY)).toBe(24 * MIN);
    expect(lockedUntil(history, 24 * MIN, DEFAULT_LOCKOUT_POLICY)).toBeNull();
  });

  it('does not lock for 4 failures, or 5 spread over more than 10 minutes', () => {
    expect(lockedUntil(attempts(0, 1, 2, 3), 4, DEFAULT_LOCKOUT_POLICY)).toBeNull();
    expect(
      lockedUntil(attempts(0, MIN, 2 * MIN, 3 * MIN, 10 * MIN + 1), 11 * MIN, DEFAULT_LOCKOUT_POLICY),
    ).toBeNull();
  });

  it('a success breaks the run of failures', () => {
    const history = [fail(5), fail(4), fail(3), fail(2), { succeeded: true, attemptedAt: 1 }, fail(0)];
    expect(lockedUntil(history, 6, DEFAULT_LOCKOUT_POLICY)).toBeNull();
  });
});
