/**
 * Point-in-time snapshots (paginated lists at a resourceVersion) and the namespace index of
 * subscribers: a snapshot must equal what the table held at that version, in key order, for any
 * mix of creates, updates and deletes since; a namespaced subscriber sees its namespace only.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { ObjectStore, compareObjects } from './object-store.ts';
import type { ChangeEvent } from './watch-history.ts';

function cm(namespace: string, name: string, data: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data: { k: data } };
}

const NAMESPACES = ['a', 'a-b', 'ab', 'b', 'z'];
const NAMES = ['x', 'y', 'x-1', 'x1', 'q'];

/** A deterministic pseudo-random sequence (no seed library needed for this). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function describeList(objects: readonly KubeObject[]): string[] {
  return objects.map(
    (o) =>
      `${o.metadata.namespace}/${o.metadata.name}=${(o.data as { k: string }).k}@${o.metadata.resourceVersion}`,
  );
}

describe('ObjectStore snapshots', () => {
  it('reconstructs the table at every past version after random creates, updates and deletes', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = sequence(seed);
      const store = new ObjectStore({ historySize: 1000 });
      const states = new Map<number, string[]>();
      for (let step = 0; step < 80; step++) {
        const namespace = NAMESPACES[Math.floor(random() * NAMESPACES.length)] as string;
        const name = NAMES[Math.floor(random() * NAMES.length)] as string;
        if (random() < 0.3 && store.get('/configmaps', namespace, name))
          store.remove('/configmaps', namespace, name);
        else store.put('/configmaps', cm(namespace, name, `${step}`));
        // What a full sort of the table gives, kept for every version.
        states.set(store.currentVersion(), describeList([...store.list('/configmaps')].sort(compareObjects)));
      }
      for (const [rv, expected] of states) {
        expect(describeList(store.snapshotAt('/configmaps', rv)), `seed ${seed} rv ${rv}`).toEqual(expected);
      }
    }
  });
});

describe('ObjectStore subscribers', () => {
  it('offers a change to the subscribers of every namespace and of its own namespace only', () => {
    const store = new ObjectStore({ historySize: 10 });
    const seen: Record<string, string[]> = { all: [], a: [], b: [], everything: [] };
    const record = (who: string) => (event: ChangeEvent) =>
      seen[who]?.push(`${event.namespace}/${event.name}`);
    store.subscribe({ storageKey: '/configmaps', deliver: record('all') });
    const stopA = store.subscribe({ storageKey: '/configmaps', namespace: 'a', deliver: record('a') });
    store.subscribe({ storageKey: '/configmaps', namespace: 'b', deliver: record('b') });
    store.subscribe({ storageKey: '*', deliver: record('everything') });
    store.put('/configmaps', cm('a', 'one', '1'));
    store.put('/configmaps', cm('b', 'two', '2'));
    stopA();
    store.put('/configmaps', cm('a', 'three', '3'));
    store.put('/secrets', { ...cm('a', 'secret', '4'), kind: 'Secret' });
    expect(seen).toEqual({
      all: ['a/one', 'b/two', 'a/three'],
      a: ['a/one'],
      b: ['b/two'],
      everything: ['a/one', 'b/two', 'a/three', 'a/secret'],
    });
  });

  it('keeps no serialized watch lines in the history once a change is delivered', () => {
    const store = new ObjectStore({ historySize: 10 });
    store.subscribe({
      storageKey: '/configmaps',
      deliver: (event) => {
        event.lines ??= new Map();
        event.lines.set('MODIFIED|v1', JSON.stringify(event.object));
      },
    });
    store.put('/configmaps', cm('a', 'one', '1'));
    const [event] = [...store.changesSince(0)];
    expect(event?.name).toBe('one');
    expect(event?.lines).toBeUndefined();
  });
});
