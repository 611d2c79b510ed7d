import type { FastifyBaseLogger } from 'fastify';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import type { ClusterConnections, ClusterHealth } from '../connections/cluster-connections.ts';
import type { BackgroundTask } from './background-task.ts';
import type { HealthBoard } from './health-board.ts';
import { probeCluster, type ProbeResult } from './cluster-probe.ts';

export interface HealthSettings {
  /** Time between two probes of one cluster. */
  intervalMs: number;
  /** Limit of one probe; shorter than the interval. */
  timeoutMs: number;
  /** Answers slower than this make a cluster Degraded. */
  slowMs: number;
}

/** A change shows within interval + timeout (14 s) of happening. */
export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  intervalMs: 10_000,
  timeoutMs: 4_000,
  slowMs: 3_000,
};

export interface HealthMonitorDeps {
  connections: ClusterConnections;
  board: HealthBoard;
  clock: Clock;
  log: FastifyBaseLogger;
  settings: HealthSettings;
  /** Monotonic milliseconds, to time answers. */
  elapsed?: () => number;
}

interface Loop {
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}

/**
 * Probes every cluster on its own timer, so a cluster that hangs until the probe times out
 * delays nobody else, and keeps the result on the health board.
 */
export class HealthMonitor implements BackgroundTask {
  readonly name = 'cluster-health';
  readonly #d: HealthMonitorDeps;
  readonly #loops = new Map<string, Loop>();
  readonly #lastLogged = new Map<string, string>();
  #unsubscribe: (() => void) | null = null;

  constructor(deps: HealthMonitorDeps) {
    if (deps.settings.timeoutMs >= deps.settings.intervalMs) {
      throw new Error('the health probe timeout must be shorter than the probe interval');
    }
    this.#d = deps;
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#d.connections.onChange((event) => {
      if (event.type === 'removed') {
        this.#stopLoop(event.name);
        this.#d.board.delete(event.name);
      } else {
        this.#startLoop(event.connection.name);
      }
    });
    for (const connection of this.#d.connections.list()) this.#startLoop(connection.name);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const name of [...this.#loops.keys()]) this.#stopLoop(name);
  }

  /** Probes one cluster now and records the result. */
  async probe(name: string): Promise<ClusterHealth> {
    return this.#record(name, await this.#probe(name));
  }

  async #probe(name: string): Promise<ProbeResult> {
    const connection = this.#d.connections.get(name);
    return probeCluster(connection.kubeConfig, {
      timeoutMs: this.#d.settings.timeoutMs,
      slowMs: this.#d.settings.slowMs,
      elapsed: this.#d.elapsed ?? (() => performance.now()),
    });
  }

  /** Records what is known without a probe, e.g. that a demo cluster's process died. */
  report(name: string, result: ProbeResult): ClusterHealth {
    return this.#record(name, result);
  }

  #record(name: string, result: ProbeResult): ClusterHealth {
    const previous = this.#d.board.get(name);
    const answered = result.phase !== 'Unreachable';
    const health: ClusterHealth = {
      phase: result.phase,
      message: result.message,
      lastReadyTime: answered ? toIsoTime(this.#d.clock.now()) : previous.lastReadyTime,
      version: result.version ?? previous.version,
    };
    this.#d.board.set(name, health);
    return health;
  }

  #startLoop(name: string): void {
    this.#stopLoop(name);
    const loop: Loop = { timer: null, stopped: false };
    this.#loops.set(name, loop);
    const run = async () => {
      try {
        const result = await this.#probe(name);
        // A rotation or removal while the probe ran: its answer is about the old credential.
        if (loop.stopped) return;
        this.#logChange(name, this.#record(name, result));
      } catch (error) {
        if (loop.stopped) return;
        this.#d.log.error({ err: error, cluster: name }, 'cluster health probe failed');
      }
      if (!loop.stopped) loop.timer = setTimeout(run, this.#d.settings.intervalMs);
    };
    loop.timer = setTimeout(run, 0);
  }

  #stopLoop(name: string): void {
    const loop = this.#loops.get(name);
    if (!loop) return;
    loop.stopped = true;
    if (loop.timer) clearTimeout(loop.timer);
    this.#loops.delete(name);
    this.#lastLogged.delete(name);
  }

  #logChange(name: string, health: ClusterHealth): void {
    const key = `${health.phase}:${health.message}`;
    if (this.#lastLogged.get(name) === key) return;
    const first = !this.#lastLogged.has(name);
    this.#lastLogged.set(name, key);
    if (first && health.phase === 'Ready') return;
    const entry = { cluster: name, phase: health.phase, message: health.message };
    if (health.phase === 'Ready') this.#d.log.info(entry, 'cluster is ready again');
    else this.#d.log.warn(entry, `cluster is ${health.phase.toLowerCase()}`);
  }
}
