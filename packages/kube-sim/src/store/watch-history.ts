/**
 * A bounded ring buffer of the cluster's change events, ordered by resourceVersion. Watches
 * resume from it, list snapshots are rebuilt from it, and a version older than its window is
 * "too old" (410), like etcd after compaction.
 */
import type { KubeObject } from '../types.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ChangeEvent {
  type: ChangeType;
  /** The cluster-wide resourceVersion this change produced. */
  rv: number;
  /** Which resource table changed (group/resource). */
  storageKey: string;
  namespace: string;
  name: string;
  /** The object after the change; for DELETED, its last state stamped with the deletion's rv. */
  object: KubeObject;
  /** The object before the change (absent for ADDED). */
  previous?: KubeObject;
  /** Serialised watch-event lines, cached per apiVersion so N watchers stringify once. */
  lines?: Map<string, string>;
}

export class WatchHistory {
  private readonly buffer: (ChangeEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** rv of the newest event ever evicted; versions at or below it can no longer be replayed. */
  private evictedThrough = 0;

  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    if (capacity < 1) throw new Error('watch history capacity must be at least 1');
    this.buffer = new Array<ChangeEvent | undefined>(capacity);
  }

  push(event: ChangeEvent): void {
    if (this.size === this.capacity) {
      const evicted = this.buffer[this.start];
      if (evicted !== undefined) this.evictedThrough = evicted.rv;
      this.buffer[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.buffer[(this.start + this.size) % this.capacity] = event;
      this.size++;
    }
  }

  /** rv of the oldest event still held, or undefined when empty. */
  oldestRv(): number | undefined {
    return this.size === 0 ? undefined : this.at(0).rv;
  }

  /**
   * True when the changes after `rv` can no longer all be replayed. Mirrors the watch cache's
   * `resourceVersion < oldest-1` test.
   */
  isTooOld(rv: number): boolean {
    return rv < this.evictedThrough;
  }

  /** The smallest rv a client may still resume from (the "(Y)" in "too old resource version: X (Y)"). */
  floor(): number {
    return this.evictedThrough;
  }

  /** Events with rv > `rv`, oldest first, optionally limited to one resource table. */
  *since(rv: number, storageKey?: string): Generator<ChangeEvent> {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).rv > rv) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.size; i++) {
      const event = this.at(i);
      if (storageKey === undefined || event.storageKey === storageKey) yield event;
    }
  }

  private at(index: number): ChangeEvent {
    const event = this.buffer[(this.start + index) % this.capacity];
    if (event === undefined) throw new Error('watch history index out of range');
    return event;
  }
}
