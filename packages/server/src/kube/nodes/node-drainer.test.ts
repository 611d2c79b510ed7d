import { describe, expect, it } from 'vitest';
import { drainBlockers } from './node-drainer.ts';
import type { PodObject } from './resources.ts';

const owner = (kind: string) => ({ ownerReferences: [{ kind, name: 'x', controller: true }] });
const cacheVolume = { volumes: [{ name: 'cache', emptyDir: {} }] };

function pod(
  name: string,
  meta: Partial<PodObject['metadata']> = {},
  rest: Partial<PodObject> = {},
): PodObject {
  return { metadata: { name, namespace: 'shop', ...meta }, status: { phase: 'Running' }, ...rest };
}

const pods: PodObject[] = [
  pod('managed', owner('ReplicaSet')),
  pod('bare'),
  pod('bare-finished', {}, { status: { phase: 'Succeeded' } }),
  pod('scratch', owner('StatefulSet'), { spec: cacheVolume }),
  pod('scratch-finished', owner('Job'), { spec: cacheVolume, status: { phase: 'Failed' } }),
  pod('agent', owner('DaemonSet'), { spec: cacheVolume }),
  pod('static', { annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
];

describe('drainBlockers', () => {
  it('blocks on unmanaged pods and emptyDir data, like kubectl drain without its overrides', () => {
    expect(drainBlockers(pods, {})).toEqual([
      { pod: 'shop/bare', option: 'force' },
      { pod: 'shop/scratch', option: 'deleteEmptyDirData' },
    ]);
  });

  it('lets each override remove exactly its blockers', () => {
    expect(drainBlockers(pods, { force: true })).toEqual([
      { pod: 'shop/scratch', option: 'deleteEmptyDirData' },
    ]);
    expect(drainBlockers(pods, { deleteEmptyDirData: true })).toEqual([
      { pod: 'shop/bare', option: 'force' },
    ]);
    expect(drainBlockers(pods, { force: true, deleteEmptyDirData: true })).toEqual([]);
  });
});
