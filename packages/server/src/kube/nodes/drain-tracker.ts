import { randomUUID } from 'node:crypto';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import { conflict, notFound } from '../../core/errors/errors.ts';
import type { DrainStatus } from './schemas.ts';

/** What a running drain reports as it goes. */
export interface DrainProgress {
  readonly signal: AbortSignal;
  pending(pods: string[]): void;
  skipped(pod: string, reason: string): void;
  evicted(pod: string): void;
  failed(pod: string, reason: string): void;
}

export type DrainListener = (status: DrainStatus) => void;

const key = (cluster: string, node: string) => `${cluster}/${node}`;

/**
 * Drain operations in memory: the latest per node, one at a time per node, every change
 * published to listeners (the event stream carries them to the console).
 */
export class DrainTracker {
  readonly #clock: Clock;
  readonly #latest = new Map<string, DrainStatus>();
  readonly #running = new Map<string, AbortController>();
  readonly #listeners = new Set<DrainListener>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  onProgress(listener: DrainListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  latest(cluster: string, node: string): DrainStatus {
    const status = this.#latest.get(key(cluster, node));
    if (!status) throw notFound('Drain of node', `${cluster}/${node}`);
    return structuredClone(status);
  }

  /** Starts `work` in the background and returns the operation as it begins. */
  start(cluster: string, node: string, work: (progress: DrainProgress) => Promise<void>): DrainStatus {
    const id = key(cluster, node);
    if (this.#running.has(id)) throw conflict(`Node "${node}" is already being drained`, { cluster, node });
    const controller = new AbortController();
    const status: DrainStatus = {
      id: randomUUID(),
      cluster,
      node,
      phase: 'Running',
      startedAt: toIsoTime(this.#clock.now()),
      finishedAt: null,
      evicted: [],
      pending: [],
      failed: [],
      skipped: [],
      message: 'Cordoned; listing the pods to evict',
    };
    this.#running.set(id, controller);
    this.#latest.set(id, status);
    const progress = this.#progress(status, controller.signal);
    void work(progress)
      .then(
        () => this.#finish(status, null),
        (error: unknown) => this.#finish(status, error),
      )
      .finally(() => this.#running.delete(id));
    return structuredClone(status);
  }

  /** Shutdown: running drains stop where they are (reported Failed). */
  abortAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }

  #progress(status: DrainStatus, signal: AbortSignal): DrainProgress {
    const settle = (pod: string) => {
      status.pending = status.pending.filter((p) => p !== pod);
    };
    return {
      signal,
      pending: (pods) =>
        this.#publish(status, () => {
          status.pending = [...pods];
          status.message = `Evicting ${pods.length} pod(s)`;
        }),
      skipped: (pod, reason) => this.#publish(status, () => status.skipped.push({ pod, reason })),
      evicted: (pod) =>
        this.#publish(status, () => {
          settle(pod);
          status.evicted.push(pod);
        }),
      failed: (pod, reason) =>
        this.#publish(status, () => {
          settle(pod);
          status.failed.push({ pod, reason });
        }),
    };
  }

  #finish(status: DrainStatus, error: unknown): void {
    this.#publish(status, () => {
      status.finishedAt = toIsoTime(this.#clock.now());
      if (error) {
        status.phase = 'Failed';
        status.message = `The drain stopped: ${error instanceof Error ? error.message : String(error)}`;
      } else if (status.failed.length) {
        status.phase = 'Failed';
        status.message = `${status.failed.length} pod(s) could not be evicted; the node stays cordoned`;
      } else {
        status.phase = 'Succeeded';
        status.message = `Drained: ${status.evicted.length} pod(s) evicted`;
      }
    });
  }

  #publish(status: DrainStatus, change: () => void): void {
    change();
    for (const listener of this.#listeners) listener(structuredClone(status));
  }
}
