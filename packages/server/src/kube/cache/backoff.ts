export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Each delay is multiplied by a random factor in [1 - jitter, 1]; 0 turns jitter off. */
  jitter: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.5 };

/**
 * Capped exponential backoff with jitter, like client-go's wait.Backoff: each failure doubles
 * the delay up to `maxMs`; a success resets it. Jitter keeps many watches of a cluster that
 * came back from reconnecting in lockstep.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  #failures = 0;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.#options = { ...DEFAULT_BACKOFF, ...options };
  }

  /** The delay before the next attempt after one more failure. */
  next(): number {
    const { initialMs, maxMs, jitter, random = Math.random } = this.#options;
    const exponent = Math.min(this.#failures, 30);
    this.#failures++;
    const delay = Math.min(maxMs, initialMs * 2 ** exponent);
    return Math.round(delay * (1 - jitter * random()));
  }

  reset(): void {
    this.#failures = 0;
  }

  get failures(): number {
    return this.#failures;
  }
}
