import { describe, expect, it } from 'vitest';
import { copyForHandOver, deepCopy } from './deep-copy.ts';
import { deepFreeze } from './freeze.ts';

describe('deepCopy', () => {
  it('copies like structuredClone: equal, unshared, mutable, key order and undefined values kept', () => {
    const original = deepFreeze({
      apiVersion: 'v1',
      metadata: { name: 'p', labels: { b: '1', a: '2' }, gone: undefined },
      spec: { containers: [{ name: 'main', args: ['a', null, 3, true] }], empty: {}, list: [] },
    });
    const copy = deepCopy(original);
    expect(copy).toStrictEqual(structuredClone(original));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
    expect(Object.keys(copy.metadata)).toEqual(['name', 'labels', 'gone']);
    expect(Object.keys(copy.metadata.labels)).toEqual(['b', 'a']);
    expect(Object.isFrozen(copy.spec.containers[0])).toBe(false);
    expect(copy.spec.containers[0]).not.toBe(original.spec.containers[0]);
    copy.spec.containers[0]!.name = 'changed';
    expect(original.spec.containers[0]!.name).toBe('main');
  });

  it('keeps array holes and hands other kinds of objects to structuredClone', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    expect(1 in deepCopy(sparse)).toBe(false);
    const at = new Date('2024-01-01T00:00:00Z');
    const copied = deepCopy({ at, map: new Map([['k', 1]]) });
    expect(copied.at).toBeInstanceOf(Date);
    expect(copied.at.getTime()).toBe(at.getTime());
    expect(copied.map.get('k')).toBe(1);
    expect(() => deepCopy({ f: () => 1 })).toThrow();
  });
});

describe('copyForHandOver', () => {
  it('copies what the API may write to and shares frozen values, which nobody can change', () => {
    const stored = deepFreeze({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'web' } },
      spec: { containers: [{ name: 'main' }] },
    });
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    const body = copyForHandOver({ ...stored, status });
    expect(body).toStrictEqual({ ...stored, status });
    expect(body.spec).toBe(stored.spec);
    expect(body.metadata.labels).toBe(stored.metadata.labels);
    expect(Object.isFrozen(body.metadata)).toBe(false);
    expect(body.status).not.toBe(status);
    expect(body.status.conditions[0]).not.toBe(status.conditions[0]);
    const whole = copyForHandOver(stored);
    expect(Object.isFrozen(whole)).toBe(false);
    expect(Object.isFrozen(whole.metadata)).toBe(false);
    whole.metadata.name = 'q';
    expect(stored.metadata.name).toBe('p');
  });
});
