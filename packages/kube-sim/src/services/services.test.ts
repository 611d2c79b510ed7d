import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError } from '../api/errors.ts';
import { servicesExtension } from './extension.ts';
import { runPod, setReady } from '../metrics/testing/kubelet-stand-in.ts';
import { PROVISIONING_DELAY_MS } from './load-balancer-controller.ts';

let t: TestCore;
afterEach(async () => t?.stop());

async function start(): Promise<TestCore> {
  t = await startTestCore({ extensions: [servicesExtension], nodes: 2 });
  await t.core.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  return t;
}

function service(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop' },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 'web' }], ...spec },
  };
}

async function createPod(name: string, labels: Record<string, string>): Promise<void> {
  await t.core.client.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 8080 }] }] },
  });
}

async function invalidMessage(object: KubeObject): Promise<string> {
  try {
    await t.core.client.create(object);
  } catch (err) {
    if (isApiError(err) && err.code === 422) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('Service allocation', () => {
  it('gives ClusterIPs from 10.96.0.0/12, keeps None for headless, and refuses taken values', async () => {
    await start();
    const kubernetes = await t.core.client.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'default',
      name: 'kubernetes',
    });
    expect((kubernetes.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    const web = await t.core.client.create(service('web', { selector: { app: 'web' } }));
    const ip = (web.spec as { clusterIP: string; clusterIPs: string[] }).clusterIP;
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect((web.spec as { clusterIPs: string[] }).clusterIPs).toEqual([ip]);
    const headless = await t.core.client.create(
      service('db', { clusterIP: 'None', selector: { app: 'db' } }),
    );
    expect((headless.spec as { clusterIPs: string[] }).clusterIPs).toEqual(['None']);
    expect(await invalidMessage(service('copy', { clusterIP: ip }))).toBe(
      `Service "copy" is invalid: spec.clusterIPs: Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated`,
    );
    expect(await invalidMessage(service('far', { clusterIP: '10.0.0.5' }))).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    // A freed IP can be taken again.
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' });
    const again = await t.core.client.create(service('again', { clusterIP: ip }));
    expect((again.spec as { clusterIP: string }).clusterIP).toBe(ip);
  });

  it('allocates node ports in 30000-32767 and refuses out-of-range or taken ones', async () => {
    await start();
    const np = await t.core.client.create(service('np', { type: 'NodePort', selector: { app: 'web' } }));
    const nodePort = (np.spec as { ports: { nodePort: number }[] }).ports[0]?.nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    const taken = service('taken', { type: 'NodePort', ports: [{ port: 80, nodePort }] });
    expect(await invalidMessage(taken)).toBe(
      `Service "taken" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
    );
    expect(
      await invalidMessage(service('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })),
    ).toBe(
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    // Switching to ClusterIP drops the node port and frees it.
    await t.core.client.patch({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'np' }, 'merge', {
      spec: { type: 'ClusterIP' },
    });
    await t.core.client.create(taken);
  });

  it('gives LoadBalancers an ingress IP after the provider delay', async () => {
    await start();
    await t.core.client.create(service('lb', { type: 'LoadBalancer', selector: { app: 'web' } }));
    const ref = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'lb' };
    const lb = await t.core.client.get(ref);
    expect((lb.spec as { ports: { nodePort?: number }[] }).ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.status).toEqual({ loadBalancer: {} });
    await eventually(async () => {
      t.clock.advance(PROVISIONING_DELAY_MS);
      return (
        ((await t.core.client.get(ref)).status as { loadBalancer: { ingress?: { ip: string }[] } })
          .loadBalancer.ingress?.[0]?.ip === '172.18.255.200'
      );
    });
    const events = await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'shop' });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']),
    );
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('follow the ready pods the selector matches', async () => {
    await start();
    await t.core.client.create(service('web', { selector: { app: 'web' } }));
    await createPod('web-1', { app: 'web' });
    await createPod('web-2', { app: 'web' });
    await createPod('other', { app: 'other' });
    await runPod(t.core.client, 'shop', 'web-1', { node: 'test-worker', podIP: '10.244.1.5' });
    await runPod(t.core.client, 'shop', 'web-2', { node: 'test-worker', podIP: '10.244.1.6', ready: false });
    await runPod(t.core.client, 'shop', 'other', { node: 'test-worker', podIP: '10.244.1.7' });
    const endpointsRef = { apiVersion: 'v1', kind: 'Endpoints', namespace: 'shop', name: 'web' };
    const web1 = await t.core.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web-1' });
    await eventually(
      async () => {
        const ep = await t.core.client.tryGet(endpointsRef);
        return (
          JSON.stringify(ep?.subsets) ===
          JSON.stringify([
            {
              addresses: [
                {
                  ip: '10.244.1.5',
                  nodeName: 'test-worker',
                  targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: web1.metadata.uid },
                },
              ],
              notReadyAddresses: [
                {
                  ip: '10.244.1.6',
                  nodeName: 'test-worker',
                  targetRef: {
                    kind: 'Pod',
                    namespace: 'shop',
                    name: 'web-2',
                    uid: (
                      await t.core.client.get({
                        apiVersion: 'v1',
                        kind: 'Pod',
                        namespace: 'shop',
                        name: 'web-2',
                      })
                    ).metadata.uid,
                  },
                },
              ],
              ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
            },
          ])
        );
      },
      20_000,
      'endpoints with one ready and one not-ready address',
    );
    const sliceOf = async (): Promise<KubeObject | undefined> =>
      (
        await t.core.client.list(
          { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
          { namespace: 'shop', labelSelector: 'kubernetes.io/service-name=web' },
        )
      ).items[0];
    const slice = await eventually(async () => {
      const s = await sliceOf();
      return (s?.endpoints as unknown[] | undefined)?.length === 2 ? s : undefined;
    });
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toEqual({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      name: 'web',
      controller: true,
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(
      (slice.endpoints as { addresses: string[]; conditions: unknown }[]).map((e) => [
        e.addresses[0],
        e.conditions,
      ]),
    ).toEqual([
      ['10.244.1.5', { ready: true, serving: true, terminating: false }],
      ['10.244.1.6', { ready: false, serving: false, terminating: false }],
    ]);
    // Readiness flips move the address.
    await setReady(t.core.client, 'shop', 'web-2', true);
    await setReady(t.core.client, 'shop', 'web-1', false);
    await eventually(
      async () => {
        const ep = await t.core.client.get(endpointsRef);
        const subset = (
          ep.subsets as { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[]
        )[0];
        return (
          subset?.addresses?.[0]?.ip === '10.244.1.6' && subset.notReadyAddresses?.[0]?.ip === '10.244.1.5'
        );
      },
      20_000,
      'readiness swap',
    );
    // Deleting a pod removes it; deleting the Service removes both objects.
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web-1' });
    await eventually(
      async () => (((await sliceOf())?.endpoints as unknown[] | undefined) ?? []).length === 1,
    );
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' });
    await eventually(
      async () => (await t.core.client.tryGet(endpointsRef)) === undefined && (await sliceOf()) === undefined,
    );
  });

  it('publishes the kubernetes slice pointing at the API server', async () => {
    await start();
    const slice = await eventually(() =>
      t.core.client.tryGet({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        namespace: 'default',
        name: 'kubernetes',
      }),
    );
    expect(slice.endpoints).toEqual([{ addresses: ['127.0.0.1'], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: 'https', port: 6443, protocol: 'TCP' }]);
  });

  it('give Ingresses of a known class the ingress controller address', async () => {
    await start();
    await t.core.client.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    const ingress = (name: string, ingressClassName: string): KubeObject => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'shop' },
      spec: {
        ingressClassName,
        rules: [
          {
            host: `${name}.example.com`,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    await t.core.client.create(ingress('served', 'nginx'));
    await t.core.client.create(ingress('orphan', 'traefik'));
    const ref = (name: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'shop',
      name,
    });
    await eventually(
      async () =>
        JSON.stringify((await t.core.client.get(ref('served'))).status) ===
        '{"loadBalancer":{"ingress":[{"ip":"172.18.255.199"}]}}',
    );
    const orphan = (await t.core.client.get(ref('orphan'))).status as
      { loadBalancer?: { ingress?: unknown } } | undefined;
    expect(orphan?.loadBalancer?.ingress).toBeUndefined();
  });
});
