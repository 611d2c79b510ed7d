/**
 * What every workload controller shares: the shared informers, a de-duplicating work queue of
 * `namespace/name` keys, clock-driven delayed re-syncs, an event recorder, and the retry policy
 * of client-go's rate-limited queue: a sync the API refused is retried after an exponential
 * back-off (a write that lost a race — 409 — at once), without log noise.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { WorkQueue } from '../work-queue.ts';
import { ClockTimers } from './clock-timers.ts';
import { objectKey } from './indexed-cache.ts';
import type { SharedInformers, WorkloadKind } from './shared-informers.ts';

/** The identity kube-controller-manager's controllers write with (seen in managedFields). */
export const FIELD_MANAGER = 'kube-controller-manager';

const CONFLICT_RETRY_MS = 5;
/**
 * client-go's per-item back-off starts at 5ms and doubles up to 1000s; a simulated cluster caps
 * it at 5s so that lifting a quota shows its effect within seconds.
 */
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 5_000;

export abstract class WorkloadController implements Controller {
  abstract readonly name: string;
  /** The event source component, e.g. `replicaset-controller`. */
  protected abstract readonly component: string;
  /** The kind whose objects are the queue's keys. */
  protected abstract readonly primary: WorkloadKind;
  /** Every kind this controller reads. */
  protected abstract readonly kinds: WorkloadKind[];

  protected readonly informers: SharedInformers;
  protected client!: InternalClient;
  protected recorder!: EventRecorder;
  protected context!: ControllerContext;
  protected queue = new WorkQueue<string>(() => undefined);
  protected timers!: ClockTimers<string>;
  private stopped = false;
  /** Consecutive failed syncs per key, for the retry back-off. */
  private readonly failures = new Map<string, number>();
  private retrying = false;

  constructor(informers: SharedInformers) {
    this.informers = informers;
  }

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.stopped = false;
    this.client = context.client.withIdentity({ fieldManager: FIELD_MANAGER });
    this.informers.acquire(this.client);
    this.recorder = context.eventRecorder({ component: this.component });
    this.queue = new WorkQueue<string>((key) => this.process(key));
    this.timers = new ClockTimers(context.clock, (key) => this.queue.add(key));
    this.registerHandlers();
    await this.informers.sync(this.kinds);
    // Handlers registered after an informer's first list missed its initial adds.
    for (const object of this.informers.cache(this.primary).all()) this.enqueue(object);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.stop();
    this.timers.stop();
    this.informers.release();
  }

  /** Resolves when no work is queued (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  enqueue(object: KubeObject): void {
    this.queue.add(objectKey(object));
  }

  protected enqueueKey(key: string): void {
    this.queue.add(key);
  }

  /** Re-syncs `key` once the cluster clock has advanced by `delayMs`. */
  protected enqueueAfter(key: string, delayMs: number): void {
    this.timers.after(key, delayMs);
  }

  protected now(): Date {
    return this.context.clock.now();
  }

  protected cache(kind: WorkloadKind) {
    return this.informers.cache(kind);
  }

  protected abstract registerHandlers(): void;
  protected abstract sync(key: string): Promise<void>;

  /**
   * Syncs `key` again after the back-off: for work the API refused (a full quota…) that no
   * watch event will bring back. Real time, like client-go's rate limiter, not cluster time.
   */
  protected retryLater(key: string, immediately = false): void {
    this.retrying = true;
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const delay = immediately ? CONFLICT_RETRY_MS : Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** failures);
    setTimeout(() => this.queue.add(key), delay).unref();
  }

  private async process(key: string): Promise<void> {
    if (this.stopped) return;
    this.retrying = false;
    try {
      await this.sync(key);
    } catch (err) {
      // The API said no: retry later. Anything else is a bug, logged by the queue.
      if (!isApiError(err)) throw err;
      this.retryLater(key, err.code === 409);
    }
    if (!this.retrying) this.failures.delete(key);
  }
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
