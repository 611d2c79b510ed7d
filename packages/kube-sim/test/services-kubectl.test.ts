/**
 * Services through kubectl: ClusterIP and NodePort allocation, LoadBalancer <pending> then an
 * external IP, Endpoints and EndpointSlices following pod readiness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { servicesExtension } from '../src/services/extension.ts';
import { eventually } from '../src/testing/test-core.ts';
import { runPod, setReady } from '../src/metrics/testing/kubelet-stand-in.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ extensions: [servicesExtension], nodes: 2 });
  expect((await k.run(['create', 'namespace', 'net'])).code).toBe(0);
});
afterAll(() => k.close());

const kc = async (...args: string[]): Promise<string> => {
  const result = await k.run(['-n', 'net', ...args]);
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout;
};

describe('kubectl and Services', () => {
  it('create service clusterip / nodeport shows allocated addresses in get svc', async () => {
    await kc('create', 'service', 'clusterip', 'web', '--tcp=80:8080');
    await kc('create', 'service', 'nodeport', 'edge', '--tcp=443:8443', '--node-port=30443');
    const table = await kc('get', 'svc');
    expect(table).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/m);
    expect(table).toMatch(/^edge\s+NodePort\s+10\.9[6-9]\.\d+\.\d+\s+<none>\s+443:30443\/TCP\s+\S+$/m);
    expect(table).toMatch(/^web\s+ClusterIP\s+10\.9[6-9]\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+$/m);
    const clash = await k.run([
      '-n',
      'net',
      'create',
      'service',
      'nodeport',
      'clash',
      '--tcp=80:80',
      '--node-port=30443',
    ]);
    expect(clash.stderr.trim()).toBe(
      'error: failed to create NodePort service: Service "clash" is invalid: spec.ports[0].nodePort: Invalid value: 30443: provided port is already allocated',
    );
    expect(await k.run(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}'])).toMatchObject({
      stdout: '10.96.0.1',
    });
  });

  it('a LoadBalancer is <pending> until the provider assigns its external IP', async () => {
    await kc('create', 'service', 'loadbalancer', 'public', '--tcp=80:8080');
    await eventually(
      async () =>
        /^public\s+LoadBalancer\s+\S+\s+172\.18\.255\.\d+\s+80:3\d{4}\/TCP/m.test(
          await kc('get', 'svc', 'public'),
        ),
      30_000,
      'external IP',
    );
    const events = await kc('get', 'events', '--field-selector', 'involvedObject.name=public');
    expect(events).toContain('EnsuredLoadBalancer');
  });

  it('endpoints follow pod readiness', async () => {
    for (const name of ['web-a', 'web-b']) {
      await k.run(['-n', 'net', 'run', name, '--image=nginx', '--labels=app=web', '--port=8080']);
    }
    await kc('patch', 'svc', 'web', '-p', '{"spec":{"selector":{"app":"web"}}}');
    const client = k.cluster.client;
    await runPod(client, 'net', 'web-a', { node: 'kubectl-test-worker', podIP: '10.244.1.10' });
    await runPod(client, 'net', 'web-b', { node: 'kubectl-test-worker', podIP: '10.244.1.11', ready: false });
    await eventually(
      async () => /^web\s+10\.244\.1\.10:8080\s+\S+$/m.test(await kc('get', 'endpoints', 'web')),
      20_000,
      'one ready endpoint',
    );
    await setReady(client, 'net', 'web-b', true);
    await eventually(
      async () => (await kc('get', 'endpoints', 'web')).includes('10.244.1.10:8080,10.244.1.11:8080'),
      20_000,
      'two endpoints',
    );
    const slices = await kc('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web');
    expect(slices).toMatch(/^web-[a-z0-9]{5}\s+IPv4\s+8080\s+10\.244\.1\.10,10\.244\.1\.11\s+\S+$/m);
  });
});
