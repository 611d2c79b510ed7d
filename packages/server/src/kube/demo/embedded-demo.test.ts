import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../core/config/config.ts';
import { call, loginAsAdmin } from '../../testing/http.ts';
import { ADMIN_PASSWORD } from '../../testing/test-app.ts';
import { QUICK_KUBE } from '../clusters/testing/cluster-app.ts';
import { kubeRequest } from '../connections/kube-request.ts';
import { eventually } from '../connections/testing/sim-clusters.ts';

describe('the embedded demo', () => {
  let dataDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-demo-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The app as `npm start` builds it, on the same data directory every time. */
  function start(env: Record<string, string> = {}): Promise<FastifyInstance> {
    const config = loadConfig({ ATRIUM_DATA_DIR: dataDir, ATRIUM_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    return buildApp({
      config,
      logStream,
      embeddedDemo: true,
      kube: QUICK_KUBE,
      consoleDir: path.join(dataDir, 'no-console'),
      passwordHashing: { memoryCost: 4096, timeCost: 1 },
      announce: () => {},
    });
  }

  async function readyClusters(app: FastifyInstance, token: string) {
    return eventually(
      async () => {
        const list = await call(app, 'GET', '/api/v1/clusters', { token });
        const items = list.json.items as { name: string; status: { phase: string }; nodeCount: number }[];
        return items.length === 2 && items.every((c) => c.status.phase === 'Ready') && items;
      },
      90_000,
      'demo-dev and demo-prod Ready',
    );
  }

  async function nodeNames(app: FastifyInstance, cluster: string): Promise<string[]> {
    const connection = app.atrium.kube.connections.get(cluster);
    const nodes = await kubeRequest<{ items: { metadata: { name: string } }[] }>(connection.kubeConfig, {
      path: '/api/v1/nodes',
    });
    return nodes.body.items.map((n) => n.metadata.name);
  }

  it('starts demo-dev and demo-prod, registered like any cluster and reachable through the pool', async () => {
    const app = await start();
    let devUrl: string;
    try {
      const token = (await loginAsAdmin(app)).accessToken;
      const clusters = await readyClusters(app, token);
      expect(clusters.map((c) => c.name)).toEqual(['demo-dev', 'demo-prod']);
      expect(await nodeNames(app, 'demo-dev')).toHaveLength(3);
      expect(await nodeNames(app, 'demo-prod')).toHaveLength(5);
      const dev = (await call(app, 'GET', '/api/v1/clusters/demo-dev', { token })).json;
      expect(dev).toMatchObject({
        environment: 'dev',
        credential: { type: 'kubeconfig', insecureSkipTLSVerify: false },
      });
      devUrl = dev.credential.server;
      const audit = await call(app, 'GET', '/api/v1/audit?action=clusters.create', { token });
      expect(audit.json.items.map((e: { actorName: string }) => e.actorName)).toEqual(['system', 'system']);

      // A demo cluster whose process dies shows Unreachable, and the log says why.
      const prodPid = app.atrium.kube.demo.processes().find((p) => p.name === 'demo-prod')?.pid;
      expect(prodPid).toBeGreaterThan(1);
      process.kill(prodPid as number, 'SIGKILL');
      await eventually(
        async () => {
          const prod = (await call(app, 'GET', '/api/v1/clusters/demo-prod', { token })).json;
          return prod.status.phase === 'Unreachable';
        },
        15_000,
        'demo-prod Unreachable',
      );
      expect(logs.join('')).toContain(
        "The demo cluster's process was killed by SIGKILL; starting it again in 2 s",
      );
      expect((await call(app, 'GET', '/api/v1/clusters/demo-dev', { token })).json.status.phase).toBe(
        'Ready',
      );
      // …and comes back: a new process, re-registered with its new credential, Ready again.
      await readyClusters(app, token);
      const restarted = app.atrium.kube.demo.processes().find((p) => p.name === 'demo-prod')?.pid;
      expect(restarted).not.toBe(prodPid);
      expect(await nodeNames(app, 'demo-prod')).toHaveLength(5);
      const rotations = await call(app, 'GET', '/api/v1/audit?action=clusters.rotate-credential', { token });
      expect(rotations.json.items.map((e: { targetId: string }) => e.targetId)).toEqual(['demo-prod']);
    } finally {
      await app.close();
    }
    // Closing Atrium stops its demo clusters.
    const refused = await new Promise((resolve) => {
      const socket = connect(Number(new URL(devUrl).port), '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', resolve);
    });
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
  }, 120_000);

  it('re-uses them on the next start, re-pointing their credentials', async () => {
    const ca = await readFile(path.join(dataDir, 'kube-sim', 'demo-dev-ca.crt'), 'utf8');
    const app = await start();
    try {
      const token = (await loginAsAdmin(app)).accessToken;
      // One rotation each since the first start (demo-prod had one more when it was restarted).
      const rotated: Record<string, number> = { 'demo-dev': 2, 'demo-prod': 3 };
      await eventually(
        () => app.atrium.kube.connections.list().every((c) => c.generation === rotated[c.name]),
        90_000,
        'rotation',
      );
      const clusters = await readyClusters(app, token);
      expect(clusters.map((c) => c.name)).toEqual(['demo-dev', 'demo-prod']);
      expect(await nodeNames(app, 'demo-dev')).toHaveLength(3);
      expect(await readFile(path.join(dataDir, 'kube-sim', 'demo-dev-ca.crt'), 'utf8')).toBe(ca);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('ATRIUM_DEMO=0 starts nothing, and keeps the demo clusters, shown Unreachable', async () => {
    const app = await start({ ATRIUM_DEMO: '0' });
    try {
      const token = (await loginAsAdmin(app)).accessToken;
      const items = await eventually(
        async () => {
          const list = (await call(app, 'GET', '/api/v1/clusters', { token })).json.items as {
            status: { phase: string; message: string };
          }[];
          return (
            list.length === 2 &&
            list.every(
              (c) => c.status.phase === 'Unreachable' && !c.status.message.startsWith('Not checked'),
            ) &&
            list
          );
        },
        30_000,
        'both Unreachable',
      );
      expect(items[0]?.status.message).toContain('refused the connection');
    } finally {
      await app.close();
    }
  }, 60_000);
});
