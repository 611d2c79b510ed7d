import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { configMap, eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError } from '../api/errors.ts';
import type { AdmissionPlugin } from '../api/admission.ts';
import { EventRecorder } from './event-recorder.ts';
import { Informer } from './informer.ts';
import type { WatchEvent } from './queued-watch.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(() => t.stop());

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };

describe('InternalClient', () => {
  it('creates, reads, patches and deletes through the API pipeline', async () => {
    const client = t.core.client;
    const created = await client.create(configMap('default', 'a'));
    expect(created.metadata.uid).toBeDefined();
    const patched = await client.patch({ ...CM, namespace: 'default', name: 'a' }, 'merge', {
      data: { extra: '1' },
    });
    expect(patched.data).toEqual({ key: 'value', extra: '1' });
    expect(patched.metadata.managedFields?.map((m) => m.manager)).toEqual(['kube-sim']);
    await client.delete({ ...CM, namespace: 'default', name: 'a' });
    expect(await client.tryGet({ ...CM, namespace: 'default', name: 'a' })).toBeUndefined();
  });

  it('never modifies the objects it is given and returns frozen ones', async () => {
    const client = t.core.client;
    const body = configMap('default', 'mine');
    await client.create(body);
    expect(body.metadata.uid).toBeUndefined();
    const read = await client.get({ ...CM, namespace: 'default', name: 'mine' });
    expect(Object.isFrozen(read)).toBe(true);
  });

  it('surfaces API errors with code and reason', async () => {
    const client = t.core.client;
    const created = await client.create(configMap('default', 'c'));
    await client.update({ ...structuredClone(created), data: { v: '2' } });
    const stale = await client
      .update({ ...structuredClone(created), data: { v: '3' } })
      .catch((err: unknown) => err);
    expect(isApiError(stale) && stale.code === 409 && stale.reason === 'Conflict').toBe(true);
  });

  it('runs registered admission plugins for in-process writes too', async () => {
    const plugin: AdmissionPlugin = {
      name: 'LabelEverything',
      mutate: (request) => {
        if (request.operation === 'CREATE' && request.object) {
          request.object.metadata.labels = { ...request.object.metadata.labels, admitted: 'yes' };
        }
      },
    };
    t.core.admission.register(plugin);
    const created = await t.core.client.create(configMap('default', 'admitted'));
    expect(created.metadata.labels).toEqual({ admitted: 'yes' });
  });

  it('delivers watch events asynchronously and in order', async () => {
    const client = t.core.client;
    const events: string[] = [];
    const watch = client.watch(
      CM,
      { namespace: 'default', resourceVersion: String(t.core.store.currentVersion()) },
      (event: WatchEvent) => {
        events.push(`${event.type} ${(event.object as KubeObject).metadata.name ?? ''}`);
      },
    );
    // Synchronous writes: the handler must not run inside them.
    const api = t.core.api;
    api.create(api.kind('', 'v1', 'configmaps'), 'default', configMap('default', 'one'), t.args());
    api.create(api.kind('', 'v1', 'configmaps'), 'default', configMap('default', 'two'), t.args());
    expect(events).toEqual([]);
    await eventually(() => events.length === 2);
    expect(events).toEqual(['ADDED one', 'ADDED two']);
    watch.stop();
  });
});

describe('Informer', () => {
  it('lists, then follows adds, updates and deletes', async () => {
    const client = t.core.client;
    await client.create(configMap('default', 'before'));
    const informer = new Informer(client, CM, { namespace: 'default' });
    const seen: string[] = [];
    informer.on({
      add: (o) => seen.push(`add ${o.metadata.name ?? ''}`),
      update: (o) => seen.push(`update ${o.metadata.name ?? ''}`),
      delete: (o) => seen.push(`delete ${o.metadata.name ?? ''}`),
    });
    await informer.start();
    expect(informer.hasSynced).toBe(true);
    await client.patch({ ...CM, namespace: 'default', name: 'before' }, 'merge', { data: { k: 'v2' } });
    await client.create(configMap('default', 'after'));
    await client.delete({ ...CM, namespace: 'default', name: 'before' });
    await eventually(() => seen.includes('delete before'));
    expect(seen).toEqual([
      'add before',
      'add kube-root-ca.crt',
      'update before',
      'add after',
      'delete before',
    ]);
    expect(
      informer
        .list()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['after', 'kube-root-ca.crt']);
    informer.stop();
  });
});

describe('EventRecorder', () => {
  it('records an Event and aggregates repeats into count and lastTimestamp', async () => {
    const client = t.core.client;
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default', uid: 'pod-uid' },
    } as KubeObject;
    const recorder = new EventRecorder(client, { component: 'default-scheduler' }, t.clock);
    await recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-1 to node-a');
    t.clock.advance(5_000);
    await recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-1 to node-a');
    const { items } = await client.list(
      { apiVersion: 'v1', kind: 'Event' },
      { namespace: 'default', fieldSelector: 'involvedObject.name=web-1' },
    );
    expect(items).toHaveLength(1);
    const event = items[0] as KubeObject & Record<string, unknown>;
    expect(event.metadata.name).toMatch(/^web-1\.[0-9a-f]+$/);
    expect(event).toMatchObject({
      reason: 'Scheduled',
      type: 'Normal',
      count: 2,
      source: { component: 'default-scheduler' },
      firstTimestamp: '2025-01-01T00:00:00Z',
      lastTimestamp: '2025-01-01T00:00:05Z',
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'pod-uid' },
    });
  });
});
