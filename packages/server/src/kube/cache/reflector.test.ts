import { startCluster, type Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiClient } from './kube-api-client.ts';
import { Reflector, type ReflectorHandlers } from './reflector.ts';
import type { KubeObject } from './resource-ref.ts';
import { eventually } from './testing/eventually.ts';
import { testPool } from './testing/test-pool.ts';

const CONFIG_MAPS = { apiVersion: 'v1', kind: 'ConfigMap' };

/** What a reflector told its owner, as a map of names → objects like a cache would hold. */
function recorder() {
  const objects = new Map<string, KubeObject>();
  const calls = { lists: 0, events: 0, errors: [] as unknown[] };
  const handlers: ReflectorHandlers = {
    onList(items) {
      calls.lists++;
      objects.clear();
      for (const item of items) objects.set(item.metadata!.name!, item);
    },
    onEvent(type, object) {
      calls.events++;
      if (type === 'DELETED') objects.delete(object.metadata!.name!);
      else objects.set(object.metadata!.name!, object);
    },
    onBookmark() {},
    onError(error) {
      calls.errors.push(error);
    },
  };
  return { objects, calls, handlers };
}

async function createConfigMap(cluster: Cluster, namespace: string, name: string) {
  await cluster.client.create({ ...CONFIG_MAPS, metadata: { name, namespace }, data: { a: '1' } });
}

describe('Reflector', () => {
  let cluster: Cluster;
  const { pool, add } = testPool();
  const kubeConfig = () => pool.get('reflector').kubeConfig;
  beforeAll(async () => {
    cluster = await startCluster({ name: 'reflector', watchHistorySize: 20 });
    add(cluster);
    await cluster.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'r' } });
  });
  afterAll(async () => {
    await pool.close();
    await cluster.stop();
  });

  function reflect(handlers: ReflectorHandlers) {
    const reflector = new Reflector({
      kubeConfig: kubeConfig(),
      path: '/api/v1/namespaces/r/configmaps',
      handlers,
      settings: { backoff: { initialMs: 50, maxMs: 500 } },
    });
    reflector.start();
    return reflector;
  }

  it('lists, then follows changes, and survives watches dropped cleanly or abruptly', async () => {
    await createConfigMap(cluster, 'r', 'before');
    const seen = recorder();
    const reflector = reflect(seen.handlers);
    try {
      await eventually(() => seen.objects.has('before'));
      expect(seen.objects.get('before')).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
      await createConfigMap(cluster, 'r', 'after');
      await eventually(() => seen.objects.has('after'));

      await eventually(() => cluster.faults.dropWatches() > 0);
      await createConfigMap(cluster, 'r', 'after-clean-drop');
      await eventually(() => seen.objects.has('after-clean-drop'));

      await eventually(() => cluster.faults.dropWatches({ abrupt: true }) > 0);
      await createConfigMap(cluster, 'r', 'after-abrupt-drop');
      await cluster.client.delete({ ...CONFIG_MAPS, name: 'before', namespace: 'r' });
      await eventually(() => seen.objects.has('after-abrupt-drop') && !seen.objects.has('before'));
      // Resumed from the last resourceVersion both times: nothing was re-listed.
      expect(seen.calls.lists).toBe(1);
    } finally {
      await reflector.stop();
    }
  });

  it('re-lists after 410 Gone when the cluster forgot the version it was at', async () => {
    const seen = recorder();
    const reflector = reflect(seen.handlers);
    try {
      await eventually(() => seen.calls.lists === 1);
      await cluster.faults.setUnreachable(true);
      // More changes than the cluster's watch history (20) while the reflector cannot see them.
      for (let i = 0; i < 30; i++) await createConfigMap(cluster, 'r', `gone-${i}`);
      await cluster.client.delete({ ...CONFIG_MAPS, name: 'after', namespace: 'r' });
      await cluster.faults.setUnreachable(false);
      await eventually(() => seen.objects.has('gone-29') && !seen.objects.has('after'), 30_000);
      expect(seen.calls.lists).toBeGreaterThanOrEqual(2);
      expect(seen.calls.errors.length).toBeGreaterThan(0);
    } finally {
      await cluster.faults.setUnreachable(false);
      await reflector.stop();
    }
  });

  it('restarts a watch that stayed silent past the watchdog, without re-listing', async () => {
    let now = 0;
    const seen = recorder();
    const reflector = new Reflector({
      kubeConfig: kubeConfig(),
      path: '/api/v1/namespaces/r/configmaps',
      handlers: seen.handlers,
      settings: { watchdogMs: 60_000, backoff: { initialMs: 50, maxMs: 500 } },
      now: () => now,
    });
    reflector.start();
    try {
      await eventually(() => reflector.phase === 'watching');
      expect(reflector.checkWatchdog()).toBe(false);
      now += 60_001;
      expect(reflector.checkWatchdog()).toBe(true);
      expect(reflector.watchdogRestarts).toBe(1);
      await eventually(() => reflector.phase === 'watching');
      await createConfigMap(cluster, 'r', 'after-watchdog');
      await eventually(() => seen.objects.has('after-watchdog'));
      expect(seen.calls.lists).toBe(1);
      expect(seen.calls.errors).toEqual([]);
    } finally {
      await reflector.stop();
    }
  });

  it('stop() ends a watch even while it is still connecting, and nothing is delivered after it', async () => {
    const seen = recorder();
    const reflector = reflect(seen.handlers);
    await eventually(() => seen.calls.lists === 1 && reflector.phase === 'watching');
    cluster.faults.setLatency(1500);
    try {
      expect(cluster.faults.dropWatches()).toBe(1);
      await eventually(() => reflector.phase === 'connecting');
      await reflector.stop();
      const delivered = seen.calls.events;
      await createConfigMap(cluster, 'r', 'after-stop');
      // A request sent after stop() is served after the delayed watch request; once it is
      // answered, the watch has reached the server, and it must have been aborted right away.
      await new KubeApiClient(kubeConfig()).request({ path: '/version' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(cluster.faults.dropWatches()).toBe(0);
      expect(seen.calls.events).toBe(delivered);
    } finally {
      cluster.faults.setLatency(0);
    }
  });
});
