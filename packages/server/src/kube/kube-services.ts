import type { FastifyBaseLogger } from 'fastify';
import type { AuditRecorder } from '../audit/recorder.ts';
import type { Clock } from '../core/clock.ts';
import type { SecretBox } from '../core/crypto/secret-box.ts';
import type { Executor } from '../core/db/schema.ts';
import type { SettingsStore } from '../core/settings/store.ts';
import { LiveCapacitySource } from './clusters/cluster-capacity.ts';
import { CredentialChecker } from './clusters/credential-checker.ts';
import { ClusterService } from './clusters/service.ts';
import { ClusterStore } from './clusters/store.ts';
import type { ClusterConnections } from './connections/cluster-connections.ts';
import { ConnectionPool } from './connections/connection-pool.ts';
import { DEFAULT_CLUSTER_TIMEOUTS, type ClusterTimeouts } from './connections/connection-spec.ts';
import { CredentialVault } from './credentials/credential-vault.ts';
import { POD_ENVIRONMENT, type InClusterEnvironment } from './credentials/in-cluster.ts';
import { EmbeddedDemo } from './demo/embedded-demo.ts';
import { HealthBoard } from './health/health-board.ts';
import { DEFAULT_HEALTH_SETTINGS, HealthMonitor, type HealthSettings } from './health/health-monitor.ts';
import { DrainTracker } from './nodes/drain-tracker.ts';
import type { DrainSettings } from './nodes/node-drainer.ts';
import { NodeService } from './nodes/service.ts';

/** Knobs for tests and operators; everything has a production default. */
export interface KubeOptions {
  timeouts?: ClusterTimeouts;
  health?: Partial<HealthSettings>;
  /** Where an in-cluster credential finds its service account (a pod's, by default). */
  inCluster?: InClusterEnvironment;
  /** Per-cluster wait of the cluster list for node counts and resources. */
  summaryTimeoutMs?: number;
  /** How long the live node counts and resources of a cluster are reused. */
  capacityCacheMs?: number;
  drainPacing?: Pick<DrainSettings, 'retryIntervalMs' | 'pollIntervalMs'>;
  /** How long a demo cluster may take to start. */
  demoStartTimeoutMs?: number;
}

export interface KubeInputs extends KubeOptions {
  db: Executor;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditRecorder;
  settings: SettingsStore;
  log: FastifyBaseLogger;
  dataDir: string;
}

/** The cluster registry, the connection pool, health, nodes and the demo, wired once. */
export interface KubeServices {
  /** The one way into a cluster, for every feature that talks to clusters. */
  connections: ClusterConnections;
  pool: ConnectionPool;
  healthBoard: HealthBoard;
  health: HealthMonitor;
  clusters: ClusterService;
  nodes: NodeService;
  drains: DrainTracker;
  demo: EmbeddedDemo;
  /** Background loops (health; the demo when asked), once the server is ready. */
  start(options: { demo: boolean }): void;
  stop(): Promise<void>;
}

export async function createKubeServices(inputs: KubeInputs): Promise<KubeServices> {
  const { db, clock, log } = inputs;
  const inCluster = inputs.inCluster ?? POD_ENVIRONMENT;
  const healthBoard = new HealthBoard();
  const pool = new ConnectionPool({
    timeouts: inputs.timeouts ?? DEFAULT_CLUSTER_TIMEOUTS,
    healthOf: (name) => healthBoard.get(name),
    log,
  });
  const health = new HealthMonitor({
    connections: pool,
    board: healthBoard,
    clock,
    log,
    settings: { ...DEFAULT_HEALTH_SETTINGS, ...inputs.health },
  });
  const clusters = new ClusterService({
    db,
    store: new ClusterStore(),
    audit: inputs.audit,
    clock,
    vault: new CredentialVault(inputs.secretBox, inCluster),
    pool,
    board: healthBoard,
    checker: new CredentialChecker(pool, inCluster),
    capacity: new LiveCapacitySource({
      ttlMs: inputs.capacityCacheMs ?? 10_000,
      now: () => performance.now(),
    }),
    summaryTimeoutMs: inputs.summaryTimeoutMs ?? 3_000,
    log,
  });
  await clusters.loadConnections();
  const drains = new DrainTracker(clock);
  const nodes = new NodeService({
    db,
    connections: pool,
    audit: inputs.audit,
    drains,
    drainPacing: inputs.drainPacing ?? { retryIntervalMs: 5_000, pollIntervalMs: 1_000 },
  });
  const demo = new EmbeddedDemo({
    db,
    settings: inputs.settings,
    clusters,
    health,
    clock,
    log,
    dataDir: inputs.dataDir,
    startTimeoutMs: inputs.demoStartTimeoutMs ?? 120_000,
  });
  return {
    connections: pool,
    pool,
    healthBoard,
    health,
    clusters,
    nodes,
    drains,
    demo,
    start(options) {
      health.start();
      if (options.demo) demo.start();
    },
    async stop() {
      await demo.stop();
      await health.stop();
      drains.abortAll();
      await pool.close();
    },
  };
}
