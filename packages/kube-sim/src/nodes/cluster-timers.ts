/**
 * Timers on the cluster clock. With the system clock they are real timers (one setTimeout for
 * the earliest due entry); with a TestClock they fire when a test advances time, so the whole
 * node side (heartbeats, container start-up, crash loops, log follow) runs at the pace the
 * test chooses. Entries due at the same moment fire in the order they were added.
 */
import type { Clock } from '../types.ts';

interface Entry {
  due: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that tells listeners when it moves (TestClock). */
interface ObservableClock extends Clock {
  onChange(listener: (now: Date) => void): () => void;
}

function isObservable(clock: Clock): clock is ObservableClock {
  return typeof (clock as Partial<ObservableClock>).onChange === 'function';
}

export interface TimerHandle {
  cancel(): void;
}

export class ClusterTimers {
  readonly clock: Clock;
  private readonly heap: Entry[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private realDue = Infinity;
  private readonly unsubscribe: (() => void) | undefined;
  private stopped = false;
  private firing = false;

  constructor(clock: Clock) {
    this.clock = clock;
    if (isObservable(clock)) this.unsubscribe = clock.onChange(() => this.fireDue());
  }

  /** True when time only moves when a test says so. */
  get manual(): boolean {
    return this.unsubscribe !== undefined;
  }

  now(): number {
    return this.clock.now().getTime();
  }

  /** Runs `fn` once the cluster clock reaches now + ms. */
  after(ms: number, fn: () => void): TimerHandle {
    return this.at(this.now() + Math.max(0, ms), fn);
  }

  at(due: number, fn: () => void): TimerHandle {
    const entry: Entry = { due, seq: this.seq++, fn, cancelled: false };
    if (this.stopped) return { cancel: () => {} };
    this.push(entry);
    if (due <= this.now()) queueMicrotask(() => this.fireDue());
    else this.armReal();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Calls `fn` every `ms` of cluster time; a jump of the clock fires it once, not per missed period. */
  every(ms: number, fn: () => void, firstAfterMs = ms): TimerHandle {
    let handle: TimerHandle | undefined;
    let cancelled = false;
    const tick = (): void => {
      if (cancelled) return;
      handle = this.after(ms, tick);
      fn();
    };
    handle = this.after(firstAfterMs, tick);
    return {
      cancel: () => {
        cancelled = true;
        handle?.cancel();
      },
    };
  }

  /** Number of live timers (for tests and diagnostics). */
  get size(): number {
    return this.heap.filter((e) => !e.cancelled).length;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.realTimer !== undefined) clearTimeout(this.realTimer);
    this.heap.length = 0;
  }

  private fireDue(): void {
    if (this.firing || this.stopped) return;
    this.firing = true;
    try {
      for (;;) {
        const top = this.heap[0];
        if (top === undefined || top.due > this.now()) break;
        this.pop();
        if (top.cancelled) continue;
        try {
          top.fn();
        } catch (err) {
          console.error('kube-sim: node-side timer failed', err);
        }
      }
    } finally {
      this.firing = false;
    }
    this.armReal();
  }

  private armReal(): void {
    if (this.manual || this.stopped) return;
    while (this.heap[0]?.cancelled === true) this.pop();
    const top = this.heap[0];
    if (top === undefined) return;
    if (this.realTimer !== undefined && this.realDue <= top.due) return;
    if (this.realTimer !== undefined) clearTimeout(this.realTimer);
    this.realDue = top.due;
    const delay = Math.max(0, Math.min(top.due - this.now(), 2 ** 31 - 1));
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.realDue = Infinity;
      this.fireDue();
    }, delay);
    this.realTimer.unref();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as Entry, heap[parent] as Entry)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l] as Entry, heap[m] as Entry)) m = l;
        if (r < heap.length && this.less(heap[r] as Entry, heap[m] as Entry)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Entry, heap[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}
