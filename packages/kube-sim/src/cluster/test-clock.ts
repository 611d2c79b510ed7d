/** A clock tests control: time stands still until advanced. */
import type { Clock } from '../types.ts';

export class TestClock implements Clock {
  private current: number;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(start: Date | string = '2025-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms` and notifies listeners (e.g. controllers with timers). */
  advance(ms: number): Date {
    if (ms < 0) throw new Error('a test clock only moves forward');
    this.current += ms;
    this.notify();
    return this.now();
  }

  set(date: Date | string): Date {
    this.current = new Date(date).getTime();
    this.notify();
    return this.now();
  }

  /** Called after every advance/set; returns an unsubscribe function. */
  onChange(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }
}
