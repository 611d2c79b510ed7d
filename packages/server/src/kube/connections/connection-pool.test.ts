import { CoreV1Api } from '@kubernetes/client-node';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors/app-error.ts';
import { NOT_PROBED } from '../health/health-board.ts';
import type { ClusterConnectionEvent } from './cluster-connections.ts';
import { ConnectionPool } from './connection-pool.ts';
import { kubeRequest } from './kube-request.ts';
import { startSim, tokenSpec, type Cluster } from './testing/sim-clusters.ts';

describe('the connection pool', () => {
  let slow: Cluster;
  let fast: Cluster;
  const pool = new ConnectionPool({
    timeouts: { connectMs: 2_000, requestMs: 3_000 },
    healthOf: () => NOT_PROBED,
    log: pino({ level: 'silent' }) as FastifyBaseLogger,
  });
  const events: ClusterConnectionEvent[] = [];
  pool.onChange((event) => events.push(event));

  beforeAll(async () => {
    [slow, fast] = await Promise.all([startSim('slow'), startSim('fast', { nodes: 2 })]);
  });
  afterAll(async () => {
    await pool.close();
    await Promise.all([slow.stop(), fast.stop()]);
  });

  it('holds one single-context KubeConfig per cluster, with names unique to it', () => {
    pool.put('slow', tokenSpec(slow), 1);
    pool.put('fast', tokenSpec(fast), 1);
    const config = pool.get('fast').kubeConfig;
    expect(config.getContexts().map((c) => c.name)).toEqual(['atrium-fast']);
    expect(config.getCurrentUser()?.name).toBe('atrium-user-fast');
    expect(config.getCurrentCluster()?.server).toBe(fast.url);
    expect(pool.list().map((c) => c.name)).toEqual(['fast', 'slow']);
    expect(pool.get('fast').timeouts).toEqual({ connectMs: 2_000, requestMs: 3_000 });
  });

  it('answers for one cluster while another hangs', async () => {
    slow.faults.setLatency(30_000);
    try {
      const hanging = kubeRequest(pool.get('slow').kubeConfig, { path: '/api/v1/nodes' }).catch(
        (e: unknown) => e,
      );
      const nodes = await pool.get('fast').kubeConfig.makeApiClient(CoreV1Api).listNode();
      expect(nodes.items).toHaveLength(2);
      // The hanging request ends at the pool's request timeout, not the cluster's 30 s.
      expect(await hanging).toMatchObject({ code: 'CLUSTER_TIMEOUT' });
    } finally {
      slow.faults.setLatency(0);
    }
  }, 10_000);

  it('gives client-node API calls the request timeout too', async () => {
    slow.faults.setLatency(30_000);
    try {
      const failure = await pool
        .get('slow')
        .kubeConfig.makeApiClient(CoreV1Api)
        .listNode()
        .catch((e: unknown) => e);
      expect((failure as Error).name).toBe('TimeoutError');
    } finally {
      slow.faults.setLatency(0);
    }
  }, 10_000);

  it('announces registration, rotation (with a higher generation) and removal', async () => {
    events.length = 0;
    const token = fast.addToken('rotated', ['system:masters']);
    pool.put('fast', tokenSpec(fast, token), 2);
    expect(events).toEqual([{ type: 'updated', connection: pool.get('fast') }]);
    expect(pool.get('fast').generation).toBe(2);
    const answer = await kubeRequest(pool.get('fast').kubeConfig, { path: '/api/v1/namespaces' });
    expect(answer.status).toBe(200);

    pool.remove('fast');
    expect(events.at(-1)).toEqual({ type: 'removed', name: 'fast' });
    const missing = (() => {
      try {
        return pool.get('fast');
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'CLUSTER_NOT_FOUND', statusCode: 404 });
  });
});
