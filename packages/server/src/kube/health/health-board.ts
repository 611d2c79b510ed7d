import type { ClusterHealth } from '../connections/cluster-connections.ts';

export const NOT_PROBED: ClusterHealth = {
  phase: 'Unreachable',
  message: 'Not checked yet: the first health probe is running',
  lastReadyTime: null,
  version: null,
};

export type HealthListener = (name: string, health: ClusterHealth, previous: ClusterHealth) => void;

/**
 * The latest health of every cluster, in memory: the cluster list reads it without calling
 * any cluster, and listeners (logs, later the event stream) hear every change of phase or
 * message.
 */
export class HealthBoard {
  readonly #health = new Map<string, ClusterHealth>();
  readonly #listeners = new Set<HealthListener>();

  get(name: string): ClusterHealth {
    return this.#health.get(name) ?? NOT_PROBED;
  }

  set(name: string, health: ClusterHealth): void {
    const previous = this.get(name);
    this.#health.set(name, health);
    if (previous.phase === health.phase && previous.message === health.message) return;
    for (const listener of this.#listeners) listener(name, health, previous);
  }

  delete(name: string): void {
    this.#health.delete(name);
  }

  onChange(listener: HealthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
