import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { seedScale } from './scale-seed.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore({ nodes: 1 });
});
afterEach(() => t.stop());

describe('seedScale', () => {
  it('adds nodes with leases and running pods spread over the workers', async () => {
    const result = await seedScale(t.core, { nodes: 4, pods: 25, podsPerNamespace: 10 });
    expect(result).toEqual({ nodes: 4, pods: 25 });
    const store = t.core.store;
    expect(store.count('/nodes')).toBe(4);
    expect(store.count('coordination.k8s.io/leases', 'kube-node-lease')).toBe(4);
    expect(store.namespacesOf('/pods')).toEqual(['scale-0', 'scale-1', 'scale-2']);
    const pods = store.list('/pods');
    expect(pods).toHaveLength(25);
    expect(new Set(pods.map((p) => (p.status as { phase: string }).phase))).toEqual(new Set(['Running']));
    const nodes = new Set(pods.map((p) => (p.spec as { nodeName: string }).nodeName));
    expect(nodes).toEqual(new Set(['test-worker', 'test-worker2', 'test-worker3']));
  });
});
