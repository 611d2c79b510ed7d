/**
 * Decouples in-process watchers from the store: events are queued and delivered on a microtask,
 * so a handler that writes back (the usual controller loop) never re-enters a store commit and
 * every watcher sees events in resourceVersion order.
 */
import type { KubeObject, Status } from '../types.ts';
import type { WatchEventOut, WatchEventType, WatchHandle, WatchSink } from '../api/watches.ts';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject | Status;
}

export class QueuedWatch implements WatchSink {
  private queue: WatchEvent[] = [];
  private scheduled = false;
  private stopped = false;
  private ended = false;
  private handle: WatchHandle | undefined;
  private readonly onEvent: (event: WatchEvent) => void;
  private readonly onEnd: (() => void) | undefined;

  constructor(onEvent: (event: WatchEvent) => void, onEnd?: () => void) {
    this.onEvent = onEvent;
    this.onEnd = onEnd;
  }

  attach(handle: WatchHandle): void {
    this.handle = handle;
    if (this.stopped) handle.stop();
  }

  send(event: WatchEventOut): void {
    if (this.stopped) return;
    this.queue.push({ type: event.type, object: event.object });
    this.schedule();
  }

  close(): void {
    this.ended = true;
    this.handle?.stop();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.queue = [];
    this.handle?.stop();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue;
      this.queue = [];
      for (const event of batch) {
        if (this.stopped) break;
        try {
          this.onEvent(event);
        } catch (err) {
          console.error('kube-sim: watch handler failed', err);
        }
      }
    }
    if (this.ended && !this.stopped) {
      this.stopped = true;
      this.onEnd?.();
    }
  }
}
