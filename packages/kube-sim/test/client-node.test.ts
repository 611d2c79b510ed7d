/**
 * @kubernetes/client-node against kube-sim over HTTPS: pagination, informers surviving 410 and
 * dropped watches, optimistic concurrency, custom resources with a status subresource, faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startCluster, type Cluster } from '../src/cluster/start-cluster.ts';
import { eventually } from '../src/testing/test-core.ts';

let cluster: Cluster;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  cluster = await startCluster({ name: 'client-node-test', watchHistorySize: 200 });
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: 'app' } } });
});
afterAll(() => cluster.stop());

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof k8s.ApiException) {
      const body =
        typeof err.body === 'string'
          ? (JSON.parse(err.body) as Record<string, unknown>)
          : (err.body as Record<string, unknown>);
      return { code: err.code, body };
    }
    throw err;
  }
  throw new Error('expected the request to fail');
}

describe('@kubernetes/client-node', () => {
  it('lists with limit/continue pagination', async () => {
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedConfigMap({
        namespace: 'app',
        body: { metadata: { name: `page-${i}`, labels: { paged: 'yes' } } },
      });
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({
        namespace: 'app',
        labelSelector: 'paged=yes',
        limit: 3,
        _continue: token,
      });
      seen.push(...page.items.map((i) => i.metadata?.name ?? ''));
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
  });

  it('rejects an update with a stale resourceVersion (409 Conflict)', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'app',
      body: { metadata: { name: 'race' }, data: { v: '1' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'race',
      namespace: 'app',
      body: { ...created, data: { v: '2' } },
    });
    const { code, body } = await apiError(
      core.replaceNamespacedConfigMap({
        name: 'race',
        namespace: 'app',
        body: { ...created, data: { v: '3' } },
      }),
    );
    expect(code).toBe(409);
    expect(body.reason).toBe('Conflict');
    expect(body.message).toBe(
      'Operation cannot be fulfilled on configmaps "race": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('keeps an informer in sync across dropped watches and a 410 after history overflow', async () => {
    await core.createNamespace({ body: { metadata: { name: 'informed' } } });
    let lists = 0;
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/informed/configmaps', () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'informed' });
    });
    const names = (): string[] =>
      informer
        .list()
        .map((o) => o.metadata?.name ?? '')
        .sort();
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'first' } } });
      await eventually(() => names().includes('first'), 20_000, 'first seen');
      await eventually(() => cluster.faults.dropWatches() > 0, 20_000, 'a watch to drop');
      await core.createNamespacedConfigMap({
        namespace: 'informed',
        body: { metadata: { name: 'after-drop' } },
      });
      await eventually(() => names().includes('after-drop'), 20_000, 'resumed after drop');
      const listsBefore410 = lists;
      // Push the informer's resourceVersion out of the 200-event history with changes it does not
      // watch, then cut its watch: the resume is answered with 410 Gone and it must re-list.
      for (let i = 0; i < 250; i++) {
        await core.createNamespacedSecret({ namespace: 'app', body: { metadata: { name: `churn-${i}` } } });
      }
      await eventually(() => cluster.faults.dropWatches() > 0, 20_000, 'a watch to drop');
      await eventually(() => lists > listsBefore410, 20_000, 're-list after 410');
      await core.deleteNamespacedConfigMap({ name: 'first', namespace: 'informed' });
      await core.createNamespacedConfigMap({
        namespace: 'informed',
        body: { metadata: { name: 'after-410' } },
      });
      await eventually(
        () => names().join() === 'after-410,after-drop,kube-root-ca.crt',
        20_000,
        'in sync after 410',
      );
    } finally {
      await informer.stop();
    }
  });

  it('serves custom resources with a status subresource once the CRD is established', async () => {
    const crds = kc.makeApiClient(k8s.ApiextensionsV1Api);
    await crds.createCustomResourceDefinition({
      body: {
        metadata: { name: 'gadgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gd'] },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: { type: 'object', properties: { size: { type: 'integer' } } },
                    status: { type: 'object', properties: { phase: { type: 'string' } } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    await eventually(async () => {
      const crd = await crds.readCustomResourceDefinition({ name: 'gadgets.example.com' });
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    });
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const ref = { group: 'example.com', version: 'v1', namespace: 'app', plural: 'gadgets' };
    const created = (await custom.createNamespacedCustomObject({
      ...ref,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Gadget',
        metadata: { name: 'g1' },
        spec: { size: 2 },
        status: { phase: 'Ignored' },
      },
    })) as k8s.KubernetesObject & { status?: unknown; spec?: unknown };
    expect(created.status).toBeUndefined();
    expect(created.metadata?.generation).toBe(1);
    const withStatus = (await custom.replaceNamespacedCustomObjectStatus({
      ...ref,
      name: 'g1',
      body: { ...created, spec: { size: 99 }, status: { phase: 'Ready' } },
    })) as { status?: unknown; spec?: unknown; metadata?: { generation?: number } };
    expect(withStatus.status).toEqual({ phase: 'Ready' });
    expect(withStatus.spec).toEqual({ size: 2 });
    const patched = (await custom.patchNamespacedCustomObject(
      { ...ref, name: 'g1', body: { spec: { size: 3 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    )) as { spec?: unknown; metadata?: { generation?: number } };
    expect(patched.spec).toEqual({ size: 3 });
    expect(patched.metadata?.generation).toBe(2);
    const smp = await apiError(
      custom.patchNamespacedCustomObject(
        { ...ref, name: 'g1', body: { spec: { size: 4 } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(smp.code).toBe(415);
    const list = (await custom.listNamespacedCustomObject(ref)) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    await custom.deleteNamespacedCustomObject({ ...ref, name: 'g1' });
    expect((await apiError(custom.getNamespacedCustomObject({ ...ref, name: 'g1' }))).body.message).toBe(
      'gadgets.example.com "g1" not found',
    );
  });

  it('injects faults: errors, latency-free recovery and an unreachable port', async () => {
    cluster.faults.setErrorRate(1);
    const failure = await apiError(core.readNamespace({ name: 'app' }));
    expect(failure.code).toBe(500);
    expect(failure.body.reason).toBe('InternalError');
    cluster.faults.setErrorRate(0);
    await cluster.faults.setUnreachable(true);
    await expect(core.readNamespace({ name: 'app' })).rejects.toThrow();
    await cluster.faults.setUnreachable(false);
    expect((await core.readNamespace({ name: 'app' })).metadata?.name).toBe('app');
  });
});
