/**
 * The real Prometheus (Debian package `prometheus`) scrapes a cluster's /metrics/prometheus with
 * a static configuration and answers PromQL over what it scraped. Fails when the binary is
 * missing: CI must install it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../src/cluster/start-cluster.ts';
import { metricsExtension } from '../src/metrics/extension.ts';
import { TestClock } from '../src/cluster/test-clock.ts';
import { eventually } from '../src/testing/test-core.ts';
import { runPod } from '../src/metrics/testing/kubelet-stand-in.ts';

let cluster: Cluster;
let prometheus: ChildProcess;
let dir: string;
let promUrl: string;
let promLog = '';
const clock = new TestClock('2025-03-01T10:00:00Z');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kube-sim-prometheus-'));
  cluster = await startCluster({ name: 'prom', nodes: 2, clock, extensions: [metricsExtension] });
  await cluster.client.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', annotations: { 'sim.atrium.dev/load': '0.5' } },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '256Mi' } } },
      ],
    },
  });
  await runPod(cluster.client, 'default', 'web', { node: 'prom-worker', startedAt: clock.now() });
  clock.advance(300_000);
  const target = new URL(cluster.url);
  await writeFile(join(dir, 'ca.crt'), cluster.caPem ?? '');
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: kube-sim',
      '    scheme: https',
      '    metrics_path: /metrics/prometheus',
      '    honor_labels: true',
      '    tls_config:',
      `      ca_file: ${join(dir, 'ca.crt')}`,
      '    static_configs:',
      `      - targets: ['${target.host}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout?.on('data', (chunk: Buffer) => (promLog += chunk.toString()));
  prometheus.stderr?.on('data', (chunk: Buffer) => (promLog += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    prometheus.once('error', reject);
    prometheus.once('spawn', () => resolve());
  });
}, 60_000);

afterAll(async () => {
  prometheus?.kill();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function listPods(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}/api/v1/namespaces/default/pods`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.adminToken}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(JSON.stringify(body));
  return body.data.result;
}

describe('Prometheus scraping a cluster', () => {
  it('answers PromQL over the scraped series', async () => {
    const result = await eventually(
      async () => {
        const r = await query(
          'sum by (namespace, pod, node) (container_memory_working_set_bytes{container!=""})',
        );
        return r.length > 0 ? r : undefined;
      },
      60_000,
      `a scraped series (prometheus log: ${promLog.slice(-2000)})`,
    );
    expect(result).toEqual([
      {
        metric: { namespace: 'default', node: 'prom-worker', pod: 'web' },
        value: [expect.any(Number), String(128 * 2 ** 20)],
      },
    ]);
    const up = await query('up{job="kube-sim"}');
    expect(up[0]?.value[1]).toBe('1');
    const allocatable = await query('kube_node_status_allocatable{resource="cpu", node="prom-worker"}');
    expect(allocatable[0]?.value[1]).toBe('8');
    // Requests served over HTTP are counted: list pods twice, then ask Prometheus.
    for (let i = 0; i < 2; i++) expect(await listPods()).toBe(200);
    const requests = await eventually(
      async () => {
        const r = await query('sum(apiserver_request_total{verb="LIST", resource="pods", code="200"})');
        return r[0]?.value[1] === '2' ? r : undefined;
      },
      30_000,
      'counted requests',
    );
    expect(requests).toHaveLength(1);
  });
});
