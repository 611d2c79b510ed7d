import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('doubles the delay after each failure up to the cap, and starts over after a success', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('spreads delays below the exponential value with jitter', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 10_000, jitter: 0.5, random: () => 1 });
    expect(backoff.next()).toBe(500);
    expect(backoff.next()).toBe(1000);
  });
});
