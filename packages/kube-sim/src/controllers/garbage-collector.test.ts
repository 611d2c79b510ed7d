import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { configMap, eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import type { PropagationPolicy } from '../api/deletes.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(() => t.stop());

function create(object: KubeObject): KubeObject {
  const api = t.core.api;
  return api.create(api.kind('', 'v1', 'configmaps'), object.metadata.namespace ?? '', object, t.args());
}

function dependentOf(
  owner: KubeObject,
  name: string,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  const body = configMap('default', name);
  body.metadata = {
    ...body.metadata,
    ownerReferences: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: owner.metadata.name ?? '',
        uid: owner.metadata.uid ?? '',
        blockOwnerDeletion: true,
      },
    ],
    ...extra,
  };
  return body;
}

const exists = (name: string): boolean => t.core.store.get('/configmaps', 'default', name) !== undefined;

function remove(name: string, propagationPolicy?: PropagationPolicy) {
  const api = t.core.api;
  return api.delete(
    api.kind('', 'v1', 'configmaps'),
    'default',
    name,
    propagationPolicy === undefined ? {} : { propagationPolicy },
    t.args(),
  );
}

describe('garbage collector', () => {
  it('deletes dependents in the background once their owner is gone', async () => {
    const owner = create(configMap('default', 'owner'));
    create(dependentOf(owner, 'child'));
    const grandchildOwner = create(dependentOf(owner, 'child-2'));
    create(dependentOf(grandchildOwner, 'grandchild'));
    expect(remove('owner', 'Background').deleted).toBe(true);
    await eventually(
      () => !exists('child') && !exists('child-2') && !exists('grandchild'),
      20_000,
      'dependents gone',
    );
  });

  it('holds a foreground-deleted owner until its dependents are gone', async () => {
    const owner = create(configMap('default', 'owner'));
    const held = dependentOf(owner, 'held-child', { finalizers: ['example.com/hold'] });
    create(held);
    const result = remove('owner', 'Foreground');
    expect(result.deleted).toBe(false);
    expect(result.object.metadata.finalizers).toContain('foregroundDeletion');
    const child = await eventually(() => {
      const current = t.core.store.get('/configmaps', 'default', 'held-child');
      return current?.metadata.deletionTimestamp !== undefined ? current : undefined;
    });
    expect(exists('owner')).toBe(true);
    const released = structuredClone(child);
    released.metadata.finalizers = [];
    t.core.api.update(t.core.api.kind('', 'v1', 'configmaps'), 'default', 'held-child', released, t.args());
    await eventually(() => !exists('owner'), 20_000, 'owner removed after its dependents');
  });

  it('orphans dependents: references removed, dependents kept', async () => {
    const owner = create(configMap('default', 'owner'));
    create(dependentOf(owner, 'orphan'));
    remove('owner', 'Orphan');
    await eventually(() => !exists('owner'), 20_000, 'owner removed');
    const orphan = t.core.store.get('/configmaps', 'default', 'orphan');
    expect(orphan?.metadata.ownerReferences).toBeUndefined();
  });

  it('keeps a dependent that still has a live owner, dropping the dead reference', async () => {
    const first = create(configMap('default', 'first'));
    const second = create(configMap('default', 'second'));
    const shared = dependentOf(first, 'shared');
    shared.metadata.ownerReferences?.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'second',
      uid: second.metadata.uid ?? '',
    });
    create(shared);
    remove('first');
    await eventually(
      () => t.core.store.get('/configmaps', 'default', 'shared')?.metadata.ownerReferences?.length === 1,
    );
    expect(t.core.store.get('/configmaps', 'default', 'shared')?.metadata.ownerReferences?.[0]?.name).toBe(
      'second',
    );
  });

  it('collects objects created with an owner that never existed', async () => {
    const ghost = {
      ...configMap('default', 'ghost'),
      metadata: { name: 'ghost', uid: 'no-such-uid' },
    } as KubeObject;
    create(dependentOf(ghost, 'stray'));
    await eventually(() => !exists('stray'), 20_000, 'stray collected');
  });
});
