/**
 * kubectl top and the Prometheus endpoint against a cluster on a TestClock: the printed values
 * are the usage formula's at that time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { metricsExtension } from '../src/metrics/extension.ts';
import { quotaAdmissionExtension } from '../src/admission/extension.ts';
import { TestClock } from '../src/cluster/test-clock.ts';
import { eventually } from '../src/testing/test-core.ts';
import { runPod } from '../src/metrics/testing/kubelet-stand-in.ts';
import { wobbleIntegral } from '../src/metrics/usage-model.ts';

let k: KubectlSession;
const clock = new TestClock('2025-03-01T10:00:00Z');

beforeAll(async () => {
  k = await startKubectlSession({ extensions: [metricsExtension, quotaAdmissionExtension], nodes: 2, clock });
  const client = k.cluster.client;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const pod = (name: string, load: string, containers: Record<string, unknown>[]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      labels: { app: name },
      annotations: { 'sim.atrium.dev/load': load },
    },
    spec: { containers },
  });
  await client.create(
    pod('web', '0.5', [
      { name: 'nginx', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '256Mi' } } },
    ]),
  );
  await client.create(
    pod('api', '0.25', [
      { name: 'app', image: 'shop/api:2.1', resources: { requests: { cpu: '400m', memory: '512Mi' } } },
      { name: 'sidecar', image: 'envoy:1.31' },
    ]),
  );
  await runPod(client, 'shop', 'web', { node: 'kubectl-test-worker', startedAt: clock.now() });
  await runPod(client, 'shop', 'api', { node: 'kubectl-test-worker', startedAt: clock.now() });
  // Half a wobble period later the wobble is exactly 1.
  clock.advance(300_000);
});
afterAll(() => k.close());

function lines(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));
}

describe('kubectl top', () => {
  it('top pods prints the formula values per pod and per container', async () => {
    const pods = await eventually(
      async () => {
        const result = await k.run(['top', 'pods', '-n', 'shop']);
        return result.code === 0 ? result.stdout : undefined;
      },
      30_000,
      'kubectl top pods',
    );
    // web: 0.5 × 1 core, 0.5 × 256Mi. api: 0.25 × (400m + 0.1 default), 0.25 × (512Mi + 128Mi default).
    expect(lines(pods)).toEqual([
      ['NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['api', '125m', '160Mi'],
      ['web', '500m', '128Mi'],
    ]);
    const containers = (await k.run(['top', 'pods', '-A', '--containers'])).stdout;
    expect(lines(containers)).toEqual([
      ['NAMESPACE', 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['shop', 'api', 'app', '100m', '128Mi'],
      ['shop', 'api', 'sidecar', '25m', '32Mi'],
      ['shop', 'web', 'nginx', '500m', '128Mi'],
    ]);
  });

  it('top nodes adds the node overhead and the share of allocatable', async () => {
    const nodes = (await k.run(['top', 'nodes'])).stdout;
    // worker: 0.625 + 0.1 cores of 8 = 9 %; 288Mi + 512Mi of 32Gi = 2 %. control plane: overhead only.
    expect(lines(nodes)).toEqual([
      ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'],
      ['kubectl-test-control-plane', '100m', '1%', '512Mi', '1%'],
      ['kubectl-test-worker', '725m', '9%', '800Mi', '2%'],
    ]);
  });
});

function scrape(): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${k.cluster.url}/metrics/prometheus`, { ca: k.cluster.caPem }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function value(body: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, v]) => line.includes(`${key}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('the Prometheus endpoint', () => {
  it('serves cAdvisor, node-exporter, kube-state-metrics and apiserver series without credentials', async () => {
    const { status, type, body } = await scrape();
    expect(status).toBe(200);
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const web = {
      namespace: 'shop',
      pod: 'web',
      container: 'nginx',
      node: 'kubectl-test-worker',
      image: 'nginx:1.27',
    };
    expect(value(body, 'container_cpu_usage_seconds_total', { ...web, cpu: 'total' })).toBeCloseTo(
      0.5 * wobbleIntegral(300),
      6,
    );
    expect(value(body, 'container_memory_working_set_bytes', web)).toBe(128 * 2 ** 20);
    expect(value(body, 'container_fs_writes_bytes_total', web)).toBeCloseTo(0.5 * 40_000 * 300, 6);
    expect(
      value(body, 'container_network_receive_bytes_total', {
        namespace: 'shop',
        pod: 'web',
        interface: 'eth0',
      }),
    ).toBeCloseTo(0.5 * 200_000 * wobbleIntegral(300), 3);
    expect(value(body, 'kube_pod_status_phase', { namespace: 'shop', pod: 'web', phase: 'Running' })).toBe(1);
    expect(value(body, 'kube_pod_status_phase', { namespace: 'shop', pod: 'web', phase: 'Pending' })).toBe(0);
    expect(
      value(body, 'kube_pod_container_status_restarts_total', {
        namespace: 'shop',
        pod: 'api',
        container: 'sidecar',
      }),
    ).toBe(0);
    expect(
      value(body, 'kube_node_status_allocatable', {
        node: 'kubectl-test-worker',
        resource: 'cpu',
        unit: 'core',
      }),
    ).toBe(8);
    expect(
      value(body, 'kube_node_status_allocatable', {
        node: 'kubectl-test-worker',
        resource: 'ephemeral_storage',
        unit: 'byte',
      }),
    ).toBe(102400 * 2 ** 20);
    expect(value(body, 'node_memory_MemAvailable_bytes', { node: 'kubectl-test-worker' })).toBe(
      32 * 2 ** 30 - 800 * 2 ** 20,
    );
    const busy = 0.5 * wobbleIntegral(300) + 0.25 * 0.5 * wobbleIntegral(300) + 0.1 * wobbleIntegral(300);
    expect(
      value(body, 'node_cpu_seconds_total', { node: 'kubectl-test-worker', cpu: '3', mode: 'user' }),
    ).toBeCloseTo((busy / 8) * 0.7, 6);
    expect(
      value(body, 'node_cpu_seconds_total', { node: 'kubectl-test-worker', cpu: '3', mode: 'idle' }),
    ).toBeCloseTo(300 - busy / 8, 6);
    expect(body).toMatch(
      /^node_filesystem_avail_bytes\{instance="kubectl-test-worker",node="kubectl-test-worker",device="\/dev\/sda1",fstype="ext4",mountpoint="\/"\} \d+$/m,
    );
    expect(body).toMatch(
      /^node_network_receive_bytes_total\{instance="kubectl-test-worker",node="kubectl-test-worker",device="eth0"\} [\d.]+$/m,
    );
    // The kubectl calls above were counted.
    expect(
      value(body, 'apiserver_request_total', {
        verb: 'LIST',
        group: 'metrics.k8s.io',
        resource: 'pods',
        code: '200',
        scope: 'namespace',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(body).toMatch(
      /^apiserver_request_duration_seconds_bucket\{component="apiserver",dry_run="",group="metrics.k8s.io",resource="nodes",scope="cluster",subresource="",verb="LIST",version="v1beta1",le="\+Inf"\} \d+$/m,
    );
    expect(body).toContain('# TYPE container_cpu_usage_seconds_total counter');
  });

  it('shows quota and deployment state', async () => {
    const client = k.cluster.client;
    await client.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'shop' },
      spec: { hard: { 'requests.cpu': '4' } },
    });
    await client.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    });
    // web's limit of 1 core is also its request; api asks for 400m.
    const body = await eventually(
      async () => {
        const text = (await scrape()).body;
        return value(text, 'kube_resourcequota', {
          namespace: 'shop',
          resourcequota: 'compute',
          resource: 'requests.cpu',
          type: 'used',
        }) === 1.4
          ? text
          : undefined;
      },
      20_000,
      'quota series',
    );
    expect(
      value(body, 'kube_resourcequota', {
        namespace: 'shop',
        resourcequota: 'compute',
        resource: 'requests.cpu',
        type: 'hard',
      }),
    ).toBe(4);
    expect(
      value(body, 'kube_deployment_status_replicas_available', { namespace: 'shop', deployment: 'web' }),
    ).toBe(0);
    expect(value(body, 'kube_deployment_spec_replicas', { namespace: 'shop', deployment: 'web' })).toBe(3);
  });
});
