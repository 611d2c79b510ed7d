import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError } from '../api/errors.ts';
import { storageExtension } from './extension.ts';

let t: TestCore;
afterEach(async () => t?.stop());

const claimRef = (name: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  namespace: 'data',
  name,
});

async function start(): Promise<TestCore> {
  t = await startTestCore({ extensions: [storageExtension] });
  await t.core.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data' } });
  return t;
}

function claim(name: string, storage: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra },
  };
}

async function bound(name: string): Promise<KubeObject> {
  return eventually(
    async () => {
      const c = await t.core.client.get(claimRef(name));
      return (c.status as { phase?: string }).phase === 'Bound' ? c : undefined;
    },
    20_000,
    `${name} bound`,
  );
}

describe('dynamic provisioning', () => {
  it('installs the default class and binds a claim to a provisioned volume', async () => {
    await start();
    const sc = await eventually(() =>
      t.core.client.tryGet({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'standard' }),
    );
    expect(sc).toMatchObject({
      provisioner: 'sim.atrium.dev/hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    });
    expect(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
    const created = await t.core.client.create(claim('db', '2Gi'));
    expect((created.spec as { storageClassName: string }).storageClassName).toBe('standard');
    expect(created.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const pvc = await bound('db');
    const volumeName = `pvc-${created.metadata.uid ?? ''}`;
    expect((pvc.spec as { volumeName: string }).volumeName).toBe(volumeName);
    expect(pvc.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'sim.atrium.dev/hostpath',
    });
    expect(pvc.status).toMatchObject({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
    });
    const pv = await eventually(async () => {
      const v = await t.core.client.tryGet({ apiVersion: 'v1', kind: 'PersistentVolume', name: volumeName });
      return (v?.status as { phase?: string } | undefined)?.phase === 'Bound' ? v : undefined;
    });
    expect(pv.spec).toMatchObject({
      capacity: { storage: '2Gi' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'data', name: 'db', uid: created.metadata.uid },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
    });
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('sim.atrium.dev/hostpath');
    const events = await eventually(async () => {
      const list = await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'data' });
      return list.items.some((e) => e.reason === 'ProvisioningSucceeded') ? list.items : undefined;
    });
    expect(events.find((e) => e.reason === 'ProvisioningSucceeded')?.message).toBe(
      `Successfully provisioned volume ${volumeName}`,
    );
  });

  it('deletes the volume with the claim (reclaimPolicy Delete)', async () => {
    await start();
    const created = await t.core.client.create(claim('tmp', '1Gi'));
    await bound('tmp');
    const pvRef = { apiVersion: 'v1', kind: 'PersistentVolume', name: `pvc-${created.metadata.uid ?? ''}` };
    await eventually(() => t.core.client.tryGet(pvRef));
    await t.core.client.delete(claimRef('tmp'));
    await eventually(
      async () =>
        (await t.core.client.tryGet(claimRef('tmp'))) === undefined &&
        (await t.core.client.tryGet(pvRef)) === undefined,
      20_000,
      'claim and volume gone',
    );
  });

  it('keeps a claim a running pod mounts until the pod is gone', async () => {
    await start();
    await t.core.client.create(claim('used', '1Gi'));
    await bound('used');
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app', namespace: 'data' },
      spec: {
        containers: [{ name: 'c', image: 'nginx' }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'used' } }],
      },
    });
    await t.core.client.delete(claimRef('used'));
    const terminating = await t.core.client.get(claimRef('used'));
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'data', name: 'app' });
    await eventually(
      async () => (await t.core.client.tryGet(claimRef('used'))) === undefined,
      20_000,
      'claim released',
    );
  });

  it('grows a claim when its class allows expansion, and refuses otherwise', async () => {
    await start();
    await t.core.client.create(claim('grow', '1Gi'));
    await bound('grow');
    await t.core.client.patch(claimRef('grow'), 'merge', {
      spec: { resources: { requests: { storage: '5Gi' } } },
    });
    await eventually(
      async () =>
        ((await t.core.client.get(claimRef('grow'))).status as { capacity: { storage: string } }).capacity
          .storage === '5Gi',
      20_000,
      'resized',
    );
    await t.core.client.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fixed' },
      provisioner: 'sim.atrium.dev/hostpath',
    });
    await t.core.client.create(claim('fixed', '1Gi', { storageClassName: 'fixed' }));
    await bound('fixed');
    try {
      await t.core.client.patch(claimRef('fixed'), 'merge', {
        spec: { resources: { requests: { storage: '2Gi' } } },
      });
      throw new Error('resized');
    } catch (err) {
      expect(isApiError(err) && err.message).toBe(
        'persistentvolumeclaims "fixed" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
      );
    }
  });
});
