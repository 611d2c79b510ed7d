import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../testing/manual-clock.ts';
import { ConnectionPool } from '../connections/connection-pool.ts';
import {
  eventually,
  startSim,
  tokenSpec,
  tokenWithRules,
  type Cluster,
} from '../connections/testing/sim-clusters.ts';
import { HealthBoard } from './health-board.ts';
import { HealthMonitor } from './health-monitor.ts';

const log = pino({ level: 'silent' }) as FastifyBaseLogger;
/** The status must change within 15 s of a change in the cluster. */
const WITHIN = 15_000;

describe('cluster health', () => {
  let a: Cluster;
  let b: Cluster;
  const clock = new ManualClock(Date.UTC(2025, 0, 1));
  const board = new HealthBoard();
  const pool = new ConnectionPool({
    timeouts: { connectMs: 2_000, requestMs: 5_000 },
    healthOf: (n) => board.get(n),
    log,
  });
  const monitor = new HealthMonitor({
    connections: pool,
    board,
    clock,
    log,
    settings: { intervalMs: 4_000, timeoutMs: 3_500, slowMs: 1_000 },
  });
  const phase = (name: string) => pool.get(name).health().phase;

  beforeAll(async () => {
    [a, b] = await Promise.all([startSim('health-a'), startSim('health-b')]);
    pool.put('a', tokenSpec(a), 1);
    pool.put('b', tokenSpec(b), 1);
    monitor.start();
    await eventually(() => phase('a') === 'Ready' && phase('b') === 'Ready', WITHIN, 'both clusters Ready');
  });
  afterEach(async () => {
    a.faults.setLatency(0);
    await a.faults.setUnreachable(false);
    pool.put('a', tokenSpec(a), 1);
    await eventually(() => phase('a') === 'Ready', WITHIN, 'a Ready again');
  });
  afterAll(async () => {
    await monitor.stop();
    await pool.close();
    await Promise.all([a.stop(), b.stop()]);
  });

  it('reports the version and when the cluster was last ready', () => {
    const health = pool.get('a').health();
    expect(health).toMatchObject({
      phase: 'Ready',
      message: 'The API server is ready',
      lastReadyTime: '2025-01-01T00:00:00.000Z',
    });
    expect(health.version).toMatch(/^v1\./);
  });

  it('goes Unreachable when the cluster does, keeping lastReadyTime, and Ready when it is back', async () => {
    clock.advance(60_000);
    const lastReady = '2025-01-01T00:01:00.000Z';
    await eventually(() => pool.get('a').health().lastReadyTime === lastReady, WITHIN, 'a probe at 00:01');
    await a.faults.setUnreachable(true);
    const down = await eventually(
      () => phase('a') === 'Unreachable' && pool.get('a').health(),
      WITHIN,
      'Unreachable',
    );
    expect(down.message).toContain('refused the connection');
    expect(down.lastReadyTime).toBe(lastReady);
    clock.advance(60_000);
    expect(phase('b')).toBe('Ready');

    await a.faults.setUnreachable(false);
    await eventually(() => phase('a') === 'Ready', WITHIN, 'Ready again');
    expect(pool.get('a').health().lastReadyTime).toBe('2025-01-01T00:02:00.000Z');
  });

  it('says 401 when the cluster stops accepting the credential', async () => {
    const token = a.addToken('revoked-later', ['system:masters']);
    pool.put('a', tokenSpec(a, token), 2);
    await eventually(() => phase('a') === 'Ready', WITHIN, 'Ready with the new token');
    a.revokeToken(token);
    const health = await eventually(
      () => phase('a') === 'Unreachable' && pool.get('a').health(),
      WITHIN,
      '401',
    );
    expect(health.message).toContain('401');
  });

  it('is Degraded when Atrium may no longer list nodes', async () => {
    const token = await tokenWithRules(a, 'no-nodes', [{ verbs: ['list'], resources: ['namespaces'] }]);
    pool.put('a', tokenSpec(a, token), 3);
    const health = await eventually(
      () => phase('a') === 'Degraded' && pool.get('a').health(),
      WITHIN,
      'Degraded',
    );
    expect(health.message).toContain('list nodes');
  });

  it('is Degraded when the API server is slow, Unreachable when slower than the probe allows', async () => {
    a.faults.setLatency(1_800);
    const slow = await eventually(() => phase('a') === 'Degraded' && pool.get('a').health(), WITHIN, 'slow');
    expect(slow.message).toContain('slow');
    a.faults.setLatency(30_000);
    const gone = await eventually(
      () => phase('a') === 'Unreachable' && pool.get('a').health(),
      WITHIN,
      'timed out',
    );
    expect(gone.message).toContain('did not answer');
  }, 45_000);

  it('keeps probing the other clusters while one hangs', async () => {
    a.faults.setLatency(30_000);
    await b.faults.setUnreachable(true);
    try {
      // b's loop notices while a's probes sit on their timeouts.
      await eventually(() => phase('b') === 'Unreachable', 10_000, 'b Unreachable');
    } finally {
      await b.faults.setUnreachable(false);
    }
    await eventually(() => phase('b') === 'Ready', WITHIN, 'b Ready again');
  }, 45_000);
});
