import type { Cluster } from '@atrium/kube-sim';
import pino from 'pino';
import type { ClusterHealth } from '../../connections/cluster-connections.ts';
import { ConnectionPool } from '../../connections/connection-pool.ts';
import { DEFAULT_CLUSTER_TIMEOUTS, type ConnectionSpec } from '../../connections/connection-spec.ts';

const READY: ClusterHealth = { phase: 'Ready', message: '', lastReadyTime: null, version: null };

/** How the registry would store a kube-sim cluster: its URL, CA and a bearer token. */
export function connectionSpecOf(cluster: Cluster, token = cluster.adminToken): ConnectionSpec {
  return { server: cluster.url, caData: cluster.caPem, token, insecureSkipTLSVerify: false };
}

export interface TestPool {
  pool: ConnectionPool;
  /** Registers (or, with a higher generation, rotates) a kube-sim cluster under its name. */
  add(cluster: Cluster, options?: { name?: string; token?: string; generation?: number }): void;
  /** What the health monitor would have found. */
  setHealth(name: string, health: Partial<ClusterHealth>): void;
}

/**
 * The registry's real connection pool, filled by hand: tests register kube-sim clusters
 * without going through the registry's API and decide what health probes report.
 */
export function testPool(): TestPool {
  const health = new Map<string, ClusterHealth>();
  const pool = new ConnectionPool({
    timeouts: DEFAULT_CLUSTER_TIMEOUTS,
    healthOf: (name) => health.get(name) ?? READY,
    log: pino({ level: 'silent' }),
  });
  return {
    pool,
    add: (cluster, options = {}) => {
      pool.put(
        options.name ?? cluster.name,
        connectionSpecOf(cluster, options.token),
        options.generation ?? 1,
      );
    },
    setHealth: (name, value) => health.set(name, { ...READY, ...value }),
  };
}
