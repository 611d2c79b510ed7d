import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError } from '../api/errors.ts';
import { quotaAdmissionExtension } from './extension.ts';
import { finishPod } from '../metrics/testing/kubelet-stand-in.ts';

let t: TestCore;
afterEach(async () => t?.stop());

async function start(): Promise<TestCore> {
  t = await startTestCore({ extensions: [quotaAdmissionExtension] });
  await t.core.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  return t;
}

function pod(name: string, cpu: string, memory = '64Mi', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team' },
    spec: {
      containers: [
        { name: 'app', image: 'nginx', resources: { requests: { cpu, memory }, limits: { cpu, memory } } },
      ],
      ...extra,
    },
  };
}

async function quota(
  hard: Record<string, string>,
  extra: Record<string, unknown> = {},
  name = 'compute',
): Promise<void> {
  await t.core.client.create({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: 'team' },
    spec: { hard, ...extra },
  });
  await eventually(async () => {
    const q = await t.core.client.get({ apiVersion: 'v1', kind: 'ResourceQuota', namespace: 'team', name });
    return (q.status as { used?: unknown } | undefined)?.used !== undefined;
  });
}

async function used(name = 'compute'): Promise<Record<string, string>> {
  const q = await t.core.client.get({ apiVersion: 'v1', kind: 'ResourceQuota', namespace: 'team', name });
  return (q.status as { used: Record<string, string> }).used;
}

async function refusal(object: KubeObject): Promise<{ code: number; message: string }> {
  try {
    await t.core.client.create(object);
  } catch (err) {
    if (isApiError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`${object.metadata.name} was admitted`);
}

describe('ResourceQuota admission', () => {
  it('charges usage and refuses a pod beyond the quota with the real message', async () => {
    await start();
    await quota({ 'requests.cpu': '4', 'requests.memory': '1Gi', pods: '10' });
    expect(await used()).toEqual({ pods: '0', 'requests.cpu': '0', 'requests.memory': '0' });
    await t.core.client.create(pod('a', '1500m', '256Mi'));
    await t.core.client.create(pod('b', '1500m', '256Mi'));
    expect(await used()).toEqual({ pods: '2', 'requests.cpu': '3', 'requests.memory': '512Mi' });
    const refused = await refusal(pod('x', '2'));
    expect(refused.code).toBe(403);
    expect(refused.message).toBe(
      'pods "x" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=3, limited: requests.cpu=4',
    );
    // Several exceeded resources are listed sorted, each part with the same names.
    const both = await refusal(pod('y', '2', '1Gi'));
    expect(both.message).toBe(
      'pods "y" is forbidden: exceeded quota: compute, requested: requests.cpu=2,requests.memory=1Gi, used: requests.cpu=3,requests.memory=512Mi, limited: requests.cpu=4,requests.memory=1Gi',
    );
    expect(await used()).toEqual({ pods: '2', 'requests.cpu': '3', 'requests.memory': '512Mi' });
  });

  it('requires containers to declare what a cpu/memory quota tracks', async () => {
    await start();
    await quota({ 'limits.cpu': '4', 'requests.memory': '1Gi' });
    const bare: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare', namespace: 'team' },
      spec: {
        containers: [
          { name: 'c', image: 'nginx' },
          { name: 'b', image: 'busybox' },
        ],
      },
    };
    expect((await refusal(bare)).message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: b,c; requests.memory for: b,c',
    );
  });

  it('never over-admits concurrent creates', async () => {
    await start();
    await quota({ pods: '5', 'requests.cpu': '10' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => t.core.client.create(pod(`p${i}`, '100m'))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const listed = await t.core.client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'team' });
    expect(listed.items).toHaveLength(5);
    expect(await used()).toEqual({ pods: '5', 'requests.cpu': '500m' });
  });

  it('gives usage back when pods are deleted or finish, and counts objects', async () => {
    await start();
    await quota({
      pods: '2',
      'count/pods': '3',
      'requests.cpu': '2',
      configmaps: '2',
      'count/deployments.apps': '1',
    });
    await t.core.client.create(pod('a', '1'));
    await t.core.client.create(pod('b', '1'));
    expect((await refusal(pod('c', '100m'))).message).toContain(
      'exceeded quota: compute, requested: pods=1,requests.cpu=100m',
    );
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'team', name: 'a' });
    await eventually(async () => (await used()).pods === '1');
    expect(await used()).toMatchObject({ pods: '1', 'count/pods': '1', 'requests.cpu': '1' });
    await finishPod(t.core.client, 'team', 'b', 'Succeeded');
    await eventually(async () => (await used()).pods === '0');
    // A finished pod still counts as an object.
    expect(await used()).toMatchObject({ 'count/pods': '1', 'requests.cpu': '0' });
    // kube-root-ca.crt, published in every namespace, counts like in a real cluster.
    expect(await used()).toMatchObject({ configmaps: '1' });
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'one', namespace: 'team' },
    });
    expect(
      (await refusal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two', namespace: 'team' } }))
        .message,
    ).toBe(
      'configmaps "two" is forbidden: exceeded quota: compute, requested: configmaps=1, used: configmaps=2, limited: configmaps=2',
    );
  });

  it('applies scopes: a BestEffort quota counts only best-effort pods', async () => {
    await start();
    await quota({ pods: '1' }, { scopes: ['BestEffort'] }, 'best-effort');
    await t.core.client.create(pod('guaranteed', '100m'));
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'be1', namespace: 'team' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    const refused = await refusal({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'be2', namespace: 'team' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    expect(refused.message).toBe(
      'pods "be2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('counts services, node ports, load balancers and storage by class', async () => {
    await start();
    await quota({
      services: '5',
      'services.loadbalancers': '1',
      'services.nodeports': '2',
      'requests.storage': '10Gi',
      'fast.storageclass.storage.k8s.io/requests.storage': '1Gi',
    });
    const svc = (name: string, type: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'team' },
      spec: { type, selector: { app: name }, ports: [{ port: 80 }] },
    });
    await t.core.client.create(svc('lb', 'LoadBalancer'));
    expect((await refusal(svc('lb2', 'LoadBalancer'))).message).toBe(
      'services "lb2" is forbidden: exceeded quota: compute, requested: services.loadbalancers=1, used: services.loadbalancers=1, limited: services.loadbalancers=1',
    );
    const claim = (name: string, size: string, storageClassName: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'team' },
      spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
    });
    await t.core.client.create(claim('data', '5Gi', 'standard'));
    expect((await refusal(claim('fast', '2Gi', 'fast'))).message).toBe(
      'persistentvolumeclaims "fast" is forbidden: exceeded quota: compute, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=0, limited: fast.storageclass.storage.k8s.io/requests.storage=1Gi',
    );
    expect(await used()).toEqual({
      'fast.storageclass.storage.k8s.io/requests.storage': '0',
      'requests.storage': '5Gi',
      services: '1',
      'services.loadbalancers': '1',
      'services.nodeports': '1',
    });
  });
});
