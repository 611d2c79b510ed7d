import { describe, expect, it } from 'vitest';
import { TestClock } from '../cluster/test-clock.ts';
import { ClusterTimers } from './cluster-timers.ts';

describe('cluster timers on a test clock', () => {
  it('fire in due order when the test advances time, and not before', () => {
    const clock = new TestClock();
    const timers = new ClusterTimers(clock);
    const fired: string[] = [];
    timers.after(3000, () => fired.push('c'));
    timers.after(1000, () => fired.push('a'));
    timers.after(1000, () => fired.push('b'));
    const cancelled = timers.after(2000, () => fired.push('never'));
    cancelled.cancel();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(5000);
    expect(fired).toEqual(['a', 'b', 'c']);
    timers.stop();
  });

  it('run a periodic task once per jump of the clock, not once per missed period', () => {
    const clock = new TestClock();
    const timers = new ClusterTimers(clock);
    let ticks = 0;
    timers.every(10_000, () => ticks++);
    clock.advance(10_000);
    expect(ticks).toBe(1);
    clock.advance(3_600_000);
    expect(ticks).toBe(2);
    clock.advance(10_000);
    expect(ticks).toBe(3);
    timers.stop();
  });
});
