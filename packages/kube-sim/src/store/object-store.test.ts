import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { ObjectStore, VersionTooOldError } from './object-store.ts';

function cm(namespace: string, name: string, data = 'v'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data: { k: data } };
}

describe('ObjectStore', () => {
  it('stamps one increasing resourceVersion across all resources', () => {
    const store = new ObjectStore({ historySize: 100 });
    const a = store.put('/configmaps', cm('ns', 'a'));
    const b = store.put('/secrets', { ...cm('ns', 'b'), kind: 'Secret' });
    const a2 = store.put('/configmaps', cm('ns', 'a', 'changed'));
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(Number(a2.metadata.resourceVersion)).toBe(Number(b.metadata.resourceVersion) + 1);
    expect(store.currentVersion()).toBe(Number(a2.metadata.resourceVersion));
  });

  it('freezes what it stores so readers can share it', () => {
    const store = new ObjectStore({ historySize: 10 });
    const stored = store.put('/configmaps', cm('ns', 'a'));
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.data)).toBe(true);
    expect(() => {
      (stored.data as Record<string, string>).k = 'x';
    }).toThrow(TypeError);
  });

  it('lists in etcd key order: namespace/name as one string', () => {
    const store = new ObjectStore({ historySize: 10 });
    for (const [ns, name] of [
      ['a', 'z'],
      ['a-b', 'x'],
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      store.put('/configmaps', cm(ns, name));
    }
    const keys = store.list('/configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(keys).toEqual(['a-b/x', 'a/b', 'a/z', 'b/a']);
    expect(store.list('/configmaps', 'a').map((o) => o.metadata.name)).toEqual(['b', 'z']);
  });

  it('replays changes after a version and reports DELETED with the deletion version', () => {
    const store = new ObjectStore({ historySize: 10 });
    const a = store.put('/configmaps', cm('ns', 'a'));
    store.put('/configmaps', cm('ns', 'a', 'b'));
    const deleted = store.remove('/configmaps', 'ns', 'a');
    const events = [...store.changesSince(Number(a.metadata.resourceVersion), '/configmaps')];
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    expect(deleted?.metadata.resourceVersion).toBe(String(store.currentVersion()));
  });

  it('rebuilds the state at an older version from the history', () => {
    const store = new ObjectStore({ historySize: 50 });
    store.put('/configmaps', cm('ns', 'keep'));
    store.put('/configmaps', cm('ns', 'edit', 'before'));
    store.put('/configmaps', cm('ns', 'gone'));
    const at = store.currentVersion();
    store.put('/configmaps', cm('ns', 'edit', 'after'));
    store.remove('/configmaps', 'ns', 'gone');
    store.put('/configmaps', cm('ns', 'new'));
    const snapshot = store.snapshotAt('/configmaps', at);
    expect(snapshot.map((o) => `${o.metadata.name}=${(o.data as { k: string }).k}`)).toEqual([
      'edit=before',
      'gone=v',
      'keep=v',
    ]);
  });

  it('says a version is too old once the history window has moved past it', () => {
    const store = new ObjectStore({ historySize: 3 });
    const first = store.put('/configmaps', cm('ns', 'a'));
    for (let i = 0; i < 5; i++) store.put('/configmaps', cm('ns', `b${i}`));
    const rv = Number(first.metadata.resourceVersion);
    expect(store.isTooOld(rv)).toBe(true);
    expect(() => store.snapshotAt('/configmaps', rv)).toThrow(VersionTooOldError);
    expect(store.isTooOld(store.currentVersion() - 2)).toBe(false);
  });

  it('locates objects by uid until they are removed', () => {
    const store = new ObjectStore({ historySize: 10 });
    store.put('/configmaps', { ...cm('ns', 'a'), metadata: { namespace: 'ns', name: 'a', uid: 'u-1' } });
    expect(store.locate('u-1')).toEqual({ storageKey: '/configmaps', namespace: 'ns', name: 'a' });
    store.remove('/configmaps', 'ns', 'a');
    expect(store.locate('u-1')).toBeUndefined();
  });
});
