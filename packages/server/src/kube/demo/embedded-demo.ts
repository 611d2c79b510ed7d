import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { systemChange } from '../../audit/audit-entry.ts';
import type { Clock } from '../../core/clock.ts';
import type { Executor } from '../../core/db/schema.ts';
import type { SettingsStore } from '../../core/settings/store.ts';
import type { ClusterService } from '../clusters/service.ts';
import type { HealthMonitor } from '../health/health-monitor.ts';
import { KubeSimProcess } from './kube-sim-process.ts';

export interface DemoCluster {
  name: string;
  nodes: number;
  environment: string;
  displayName: string;
}

export const DEMO_CLUSTERS: readonly DemoCluster[] = [
  { name: 'demo-dev', nodes: 3, environment: 'dev', displayName: 'Demo (dev)' },
  { name: 'demo-prod', nodes: 5, environment: 'prod', displayName: 'Demo (prod)' },
];

const RESTART_BASE_MS = 2_000;
const RESTART_MAX_MS = 60_000;

/** Names the demo registered itself, kept so it never touches a user's cluster of the same name. */
const REGISTERED_SETTING = 'kube.demo.registered-clusters';

export interface EmbeddedDemoDeps {
  db: Executor;
  settings: SettingsStore;
  clusters: ClusterService;
  health: HealthMonitor;
  clock: Clock;
  log: FastifyBaseLogger;
  dataDir: string;
  startTimeoutMs: number;
}

/**
 * The embedded demo: two kube-sim clusters in child processes, registered through the same
 * service a user registers clusters with, and re-pointed (credential rotated) on later starts,
 * since each start brings new ports and a new admin token.
 */
export class EmbeddedDemo {
  readonly #d: EmbeddedDemoDeps;
  readonly #processes: KubeSimProcess[] = [];
  #running: Promise<void> | null = null;
  #stopping = false;
  readonly #crashes = new Map<string, number>();
  readonly #restarts = new Set<NodeJS.Timeout>();

  constructor(deps: EmbeddedDemoDeps) {
    this.#d = deps;
  }

  /** Starts the clusters in the background; the server does not wait for them. */
  start(): void {
    if (this.#running) return;
    this.#running = Promise.all(DEMO_CLUSTERS.map((cluster) => this.#startOne(cluster))).then(
      () => undefined,
    );
  }

  /** The running demo clusters' processes, by cluster name. */
  processes(): { name: string; pid: number | undefined }[] {
    return this.#processes.map((p) => ({ name: p.name, pid: p.pid }));
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#restarts) clearTimeout(timer);
    await Promise.all(this.#processes.map((p) => p.stop()));
    await this.#running;
  }

  async #startOne(cluster: DemoCluster): Promise<void> {
    const { log } = this.#d;
    if (this.#stopping) return;
    const previous = this.#processes.findIndex((p) => p.name === cluster.name);
    if (previous >= 0) this.#processes.splice(previous, 1);
    const sim = new KubeSimProcess({
      name: cluster.name,
      nodes: cluster.nodes,
      outDir: path.join(this.#d.dataDir, 'kube-sim'),
      seed: 'demo',
      startTimeoutMs: this.#d.startTimeoutMs,
      log,
    });
    this.#processes.push(sim);
    try {
      const started = await sim.start((description) => this.#crashed(cluster, description));
      if (this.#stopping) return;
      const kubeconfig = await readFile(started.kubeconfigPath, 'utf8');
      await this.#register(cluster, kubeconfig);
      log.info({ cluster: cluster.name, url: started.url }, 'demo cluster is running');
    } catch (error) {
      if (!this.#stopping)
        log.error({ err: error, cluster: cluster.name }, 'demo cluster could not be started');
    }
  }

  async #register(cluster: DemoCluster, kubeconfig: string): Promise<void> {
    const credential = { type: 'kubeconfig' as const, kubeconfig };
    const registered = await this.#registeredNames();
    const exists = await this.#d.clusters.exists(cluster.name);
    if (exists && registered.includes(cluster.name)) {
      await this.#d.clusters.rotateCredential(
        systemChange('clusters.rotate-credential', 'cluster'),
        cluster.name,
        credential,
      );
    } else if (exists) {
      this.#d.log.warn(
        { cluster: cluster.name },
        'a cluster of this name exists and was not registered by the demo: leaving it alone',
      );
    } else if (registered.includes(cluster.name)) {
      this.#d.log.info(
        { cluster: cluster.name },
        'this demo cluster was removed by a user: not registering it again',
      );
    } else {
      await this.#d.clusters.create(
        systemChange('clusters.create', 'cluster'),
        {
          name: cluster.name,
          displayName: cluster.displayName,
          description: 'A simulated cluster (kube-sim) started with Atrium; ATRIUM_DEMO=0 turns it off',
          environment: cluster.environment,
          region: 'local',
          credential,
        },
        { onCreated: (tx) => this.#remember(tx, cluster.name) },
      );
    }
  }

  async #registeredNames(): Promise<string[]> {
    const value = await this.#d.settings.get(this.#d.db, REGISTERED_SETTING);
    return value ? (JSON.parse(value) as string[]) : [];
  }

  /** In the registration's transaction, so the demo never forgets a cluster it created. */
  async #remember(tx: Executor, name: string): Promise<void> {
    const value = await this.#d.settings.get(tx, REGISTERED_SETTING);
    const names = new Set(value ? (JSON.parse(value) as string[]) : []);
    names.add(name);
    await this.#d.settings.put(
      tx,
      REGISTERED_SETTING,
      JSON.stringify([...names].sort()),
      this.#d.clock.now(),
    );
  }

  /**
   * A crashed cluster is started again, as a supervisor would, after a delay that doubles with
   * each crash: it comes back freshly seeded (kube-sim keeps its state in memory) and is
   * re-registered with its new credential.
   */
  #crashed(cluster: DemoCluster, description: string): void {
    if (this.#stopping) return;
    const crashes = (this.#crashes.get(cluster.name) ?? 0) + 1;
    this.#crashes.set(cluster.name, crashes);
    const delayMs = Math.min(RESTART_BASE_MS * 2 ** (crashes - 1), RESTART_MAX_MS);
    const message = `The demo cluster's process ${description}; starting it again in ${delayMs / 1000} s`;
    this.#d.log.error({ cluster: cluster.name }, message);
    this.#d.health.report(cluster.name, { phase: 'Unreachable', message, version: null });
    const timer = setTimeout(() => {
      this.#restarts.delete(timer);
      void this.#startOne(cluster);
    }, delayMs);
    this.#restarts.add(timer);
  }
}
