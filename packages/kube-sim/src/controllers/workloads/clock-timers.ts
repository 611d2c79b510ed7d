/**
 * Delayed re-syncs measured on the cluster's clock (minReadySeconds, progress deadlines, cron
 * schedules, TTLs, Job back-off). With the system clock a real timer fires; with a clock that
 * announces its changes (TestClock) the due keys fire when a test advances time — tests never
 * wait for wall-clock time. One deadline per key: asking again keeps the earlier one.
 */
import type { Clock } from '../../types.ts';

interface ObservableClock extends Clock {
  onChange(listener: (now: Date) => void): () => void;
}

function isObservable(clock: Clock): clock is ObservableClock {
  return typeof (clock as Partial<ObservableClock>).onChange === 'function';
}

/** Real timers never wait longer than this; a longer deadline is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ClockTimers<K> {
  private readonly clock: Clock;
  private readonly fire: (key: K) => void;
  private readonly due = new Map<K, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(clock: Clock, fire: (key: K) => void) {
    this.clock = clock;
    this.fire = fire;
    if (isObservable(clock)) this.unsubscribe = clock.onChange(() => this.fireDue());
  }

  /** Calls fire(key) once the clock reaches `when` (ms since the epoch). */
  at(key: K, when: number): void {
    const current = this.due.get(key);
    if (current !== undefined && current <= when) return;
    this.due.set(key, when);
    if (when <= this.clock.now().getTime()) {
      // Already due: fire on the next turn rather than inside the caller's sync.
      setImmediate(() => this.fireDue());
      return;
    }
    this.arm();
  }

  after(key: K, delayMs: number): void {
    this.at(key, this.clock.now().getTime() + Math.max(0, delayMs));
  }

  cancel(key: K): void {
    this.due.delete(key);
  }

  stop(): void {
    this.due.clear();
    this.unsubscribe?.();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fireDue(): void {
    const now = this.clock.now().getTime();
    const ready: K[] = [];
    for (const [key, when] of this.due) if (when <= now) ready.push(key);
    for (const key of ready) {
      this.due.delete(key);
      this.fire(key);
    }
    this.arm();
  }

  /** A real timer for the earliest deadline; not needed for clocks that announce changes. */
  private arm(): void {
    if (this.unsubscribe !== undefined) return;
    let earliest = Infinity;
    for (const when of this.due.values()) earliest = Math.min(earliest, when);
    if (earliest === this.timerAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = earliest;
    if (earliest === Infinity) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.clock.now().getTime()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.fireDue();
    }, delay);
    this.timer.unref();
  }
}
