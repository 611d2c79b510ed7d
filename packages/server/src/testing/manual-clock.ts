import type { Clock } from '../core/clock.ts';

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(millis: number): void {
    this.#now += millis;
  }
}
