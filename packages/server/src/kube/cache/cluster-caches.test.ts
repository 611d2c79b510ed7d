import { startCluster, type Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors/app-error.ts';
import { ManualClock } from '../../testing/manual-clock.ts';
import { ClusterCaches } from './cluster-caches.ts';
import { parseLabelSelector } from './label-selector.ts';
import type { ResourceRef } from './resource-ref.ts';
import { eventually } from './testing/eventually.ts';
import { testPool } from './testing/test-pool.ts';

const CONFIG_MAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps' };

function configMap(namespace: string, name: string, labels: Record<string, string> = {}) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name, labels }, data: { k: 'v' } };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, status: error.statusCode, message: error.message };
    throw error;
  }
  throw new Error('expected a coded error');
}

describe('ClusterCaches', () => {
  let live: Cluster;
  let dead: Cluster;
  const clock = new ManualClock();
  const { pool, add, setHealth } = testPool();
  const caches = new ClusterCaches({
    connections: pool,
    clock,
    settings: {
      readyTimeoutMs: 2_000,
      idleMs: 60_000,
      reflector: { backoff: { initialMs: 50, maxMs: 500 } },
    },
  });

  beforeAll(async () => {
    [live, dead] = await Promise.all([
      startCluster({ name: 'live', watchHistorySize: 300 }),
      startCluster({ name: 'dead' }),
    ]);
    add(live);
    add(dead);
    caches.start();
    for (const ns of ['a', 'b']) {
      await live.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    await live.client.create(configMap('a', 'web', { app: 'web' }));
    await live.client.create(configMap('b', 'web', { app: 'web' }));
    await live.client.create(configMap('b', 'api', { app: 'api' }));
  });
  afterAll(async () => {
    await caches.close();
    await pool.close();
    await Promise.all([live.stop(), dead.stop()]);
  });

  const names = (items: { metadata?: { namespace?: string; name?: string } }[]) =>
    items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`).sort();

  it('starts a kind on first use and answers namespace and label lists from memory', async () => {
    const resource = await caches.resolve('live', CONFIG_MAPS);
    expect(resource).toMatchObject({ kind: 'ConfigMap', namespaced: true });
    const web = await caches.list('live', resource, { labelSelector: parseLabelSelector('app=web') });
    expect(names(web.items)).toEqual(['a/web', 'b/web']);
    const inB = await caches.list('live', resource, {
      namespace: 'b',
      labelSelector: parseLabelSelector('app'),
    });
    expect(names(inB.items)).toEqual(['b/api', 'b/web']);
    expect(Number(web.resourceVersion)).toBeGreaterThan(0);

    await live.client.create(configMap('a', 'late', { app: 'web' }));
    await eventually(
      async () => (await caches.list('live', resource, { namespace: 'a' })).items.length === 3,
    );
  });

  it('names unknown kinds and unknown clusters', async () => {
    expect(
      await errorOf(caches.resolve('live', { group: 'nope.io', version: 'v1', resource: 'things' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    expect(await errorOf(caches.resolve('missing', CONFIG_MAPS))).toMatchObject({
      code: 'CLUSTER_NOT_FOUND',
    });
  });

  it('keeps answering for a live cluster while another is down, and says the other is unreachable', async () => {
    const resource = await caches.resolve('dead', CONFIG_MAPS);
    await dead.faults.setUnreachable(true);
    try {
      const pods = await caches.resolve('live', { group: '', version: 'v1', resource: 'pods' });
      const deadPods = await errorOf(caches.list('dead', { ...pods, resource: 'pods' }));
      expect(deadPods.code).toMatch(/^CLUSTER_/);
      expect(deadPods.status).toBeGreaterThanOrEqual(502);
      const livePods = await caches.list('live', pods);
      expect(livePods.items).toEqual([]);
      // Once the health monitor has seen it down, lists of the dead cluster answer at once.
      setHealth('dead', { phase: 'Unreachable', message: 'connection refused' });
      expect((await errorOf(caches.list('dead', { ...resource, resource: 'services' }))).code).toMatch(
        /^CLUSTER_/,
      );
    } finally {
      setHealth('dead', { phase: 'Ready' });
      await dead.faults.setUnreachable(false);
    }
  });

  it('stops kinds nobody used for a while, and starts them again on the next list', async () => {
    const secrets = await caches.resolve('live', { group: '', version: 'v1', resource: 'secrets' });
    await caches.list('live', secrets);
    const running = () => caches.status('live').map((s) => s.resource);
    expect(running()).toContain('/v1/secrets');
    clock.advance(30_000);
    await caches.list('live', await caches.resolve('live', CONFIG_MAPS));
    clock.advance(40_000);
    await caches.maintain();
    expect(running()).not.toContain('/v1/secrets');
    expect(running()).toContain('/v1/configmaps');
    await caches.list('live', secrets);
    expect(running()).toContain('/v1/secrets');
  });

  it('follows dropped watches, and re-lists when the cluster no longer has what it missed (410)', async () => {
    const resource = await caches.resolve('live', CONFIG_MAPS);
    await caches.list('live', resource);
    await eventually(() => live.faults.dropWatches({ abrupt: true }) > 0);
    await live.client.create(configMap('b', 'after-drop'));
    await eventually(async () => names((await caches.list('live', resource)).items).includes('b/after-drop'));

    await live.faults.setUnreachable(true);
    // More changes than the cluster keeps (300) while the cache cannot see them: resuming the
    // watch gets 410 Gone, and the cache re-lists.
    await live.client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'b', name: 'after-drop' });
    for (let i = 0; i < 320; i++) await live.client.create(configMap('b', `burst-${i}`));
    await live.faults.setUnreachable(false);
    await eventually(async () => {
      const all = names((await caches.list('live', resource)).items);
      return !all.includes('b/after-drop') && all.includes('b/burst-319');
    });
  });

  it('restarts its watches on a rotated credential', async () => {
    const resource = await caches.resolve('live', CONFIG_MAPS);
    await caches.list('live', resource);
    const token = live.addToken('atrium-rotated', ['system:masters']);
    add(live, { token, generation: 2 });
    live.revokeToken(live.adminToken);
    live.faults.dropWatches();
    await live.client.create(configMap('a', 'after-rotation'));
    await eventually(async () =>
      names((await caches.list('live', resource)).items).includes('a/after-rotation'),
    );
    expect(caches.status('live').find((s) => s.resource === '/v1/configmaps')?.lastError).toBeNull();
  });
});
