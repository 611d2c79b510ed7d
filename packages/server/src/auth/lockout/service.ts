import type { Clock } from '../../core/clock.ts';
import type { Executor } from '../../core/db/schema.ts';
import { accountLocked } from '../../core/errors/errors.ts';
import { DEFAULT_LOCKOUT_POLICY, lockedUntil, type LockoutPolicy } from './lockout-policy.ts';
import type { LoginAttemptStore } from './store.ts';

/** Counts sign-in attempts per username and refuses them while the account is locked. */
export class AccountLockout {
  readonly #store: LoginAttemptStore;
  readonly #clock: Clock;
  readonly #policy: LockoutPolicy;

  constructor(store: LoginAttemptStore, clock: Clock, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY) {
    this.#store = store;
    this.#clock = clock;
    this.#policy = policy;
  }

  /** Throws ACCOUNT_LOCKED (with retryAfterSeconds) while the lock lasts. */
  async assertNotLocked(db: Executor, username: string): Promise<void> {
    const now = this.#clock.now();
    const latest = await this.#store.latest(db, username, this.#policy.maxFailures);
    const until = lockedUntil(latest, now, this.#policy);
    if (until !== null) throw accountLocked(Math.ceil((until - now) / 1000));
  }

  recordFailure(db: Executor, username: string, sourceIp: string): Promise<void> {
    return this.#store.record(db, { username, sourceIp, succeeded: false, at: this.#clock.now() });
  }

  recordSuccess(db: Executor, username: string, sourceIp: string): Promise<void> {
    return this.#store.record(db, { username, sourceIp, succeeded: true, at: this.#clock.now() });
  }
}
