import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError } from '../api/errors.ts';
import { quotaAdmissionExtension } from './extension.ts';

let t: TestCore;
afterEach(async () => t?.stop());

async function start(limits: Record<string, unknown>[]): Promise<void> {
  t = await startTestCore({ extensions: [quotaAdmissionExtension] });
  await t.core.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  await t.core.client.create({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'defaults', namespace: 'team' },
    spec: { limits },
  });
}

function pod(name: string, resources?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team' },
    spec: {
      containers: [{ name: 'app', image: 'nginx', ...(resources === undefined ? {} : { resources }) }],
    },
  };
}

async function refusal(object: KubeObject): Promise<string> {
  try {
    await t.core.client.create(object);
  } catch (err) {
    if (isApiError(err) && err.code === 403) return err.message;
    throw err;
  }
  throw new Error('admitted');
}

describe('LimitRanger admission', () => {
  it('fills in default requests and limits and records them in the annotation', async () => {
    await start([
      { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '0.1' } },
    ]);
    const created = await t.core.client.create(pod('web'));
    const spec = created.spec as { containers: { resources: unknown }[] };
    expect(spec.containers[0]?.resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '256Mi' },
    });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
    const stored = await t.core.client.get({
      apiVersion: 'v1',
      kind: 'LimitRange',
      namespace: 'team',
      name: 'defaults',
    });
    // The API defaults the item: a default limit without a default request becomes the request.
    expect((stored.spec as { limits: { defaultRequest: unknown }[] }).limits[0]?.defaultRequest).toEqual({
      cpu: '0.1',
      memory: '256Mi',
    });
  });

  it('refuses containers outside min and max with the real messages', async () => {
    await start([
      { type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' }, maxLimitRequestRatio: { cpu: '4' } },
    ]);
    expect(
      await refusal(pod('small', { requests: { cpu: '50m' }, limits: { cpu: '100m', memory: '128Mi' } })),
    ).toBe('pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
    expect(
      await refusal(
        pod('big', { requests: { cpu: '200m', memory: '1Gi' }, limits: { cpu: '200m', memory: '2Gi' } }),
      ),
    ).toBe('pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi');
    expect(
      await refusal(
        pod('ratio', { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '64Mi' } }),
      ),
    ).toBe(
      'pods "ratio" is forbidden: cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000',
    );
    expect(
      await refusal(
        pod('both', { requests: { cpu: '50m', memory: '2Gi' }, limits: { cpu: '100m', memory: '2Gi' } }),
      ),
    ).toBe(
      'pods "both" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
  });

  it('bounds claim sizes', async () => {
    await start([{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }]);
    const claim = (name: string, storage: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'team' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
    });
    expect(await refusal(claim('huge', '20Gi'))).toBe(
      'persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
    );
    expect(await refusal(claim('tiny', '500Mi'))).toBe(
      'persistentvolumeclaims "tiny" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    );
    await t.core.client.create(claim('fits', '5Gi'));
  });
});
