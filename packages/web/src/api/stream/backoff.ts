/**
 * Reconnect delays that double after each failed attempt up to a ceiling, with jitter: the tabs
 * of many users who lost the same server do not all come back at the same instant.
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #attempts = 0;

  constructor(initialMs: number, maxMs: number) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
  }

  /** Failed attempts since the last success. */
  get attempts(): number {
    return this.#attempts;
  }

  /** The delay before the next attempt: between half and all of the current step. */
  next(): number {
    const base = Math.min(this.#maxMs, this.#initialMs * 2 ** this.#attempts);
    this.#attempts += 1;
    return base / 2 + Math.random() * (base / 2);
  }

  reset(): void {
    this.#attempts = 0;
  }
}
