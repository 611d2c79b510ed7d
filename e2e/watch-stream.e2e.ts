import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRegisterCluster, apiSignIn } from './support/atrium-api.ts';
import { launchBrowser, openSession } from './support/browser.ts';
import { expectPath, POLL, signIn } from './support/console.ts';
import { kubectlFor } from './support/kubectl.ts';
import { screenshots } from './support/screenshots.ts';
import { startAtriumServer, type AtriumServer } from './support/server.ts';
import { startSimCluster, type SimCluster } from './support/sim-cluster.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const ADMIN = { username: 'admin', password: `Admin-${randomBytes(6).toString('hex')}-7` };
const CLUSTER = 'sim-watch';
const NAMESPACE = 'watch';
const PODS_PATH = `/clusters/${CLUSTER}/resources/core/v1/pods`;
const LIST_URL = new RegExp(`/api/v1/clusters/${CLUSTER}/resources/core/v1/pods(\\?|$)`);
const LIVE = { timeout: 60_000, interval: 250 } as const;

/** What the console sent on one socket, parsed. */
function sentFrames(socket: WebSocket, into: Record<string, unknown>[]) {
  socket.on('framesent', ({ payload }) => {
    try {
      into.push(JSON.parse(String(payload)) as Record<string, unknown>);
    } catch {
      // Not JSON: not ours.
    }
  });
}

describe('watch stream: the pods list stays current, and resumes after the network drops', () => {
  const shots = screenshots('watch-stream');
  let tmp: string;
  let sim: SimCluster;
  let server: AtriumServer;
  let proxy: TcpProxy;
  let browser: Browser;
  let page: Page;
  let kubectl: (...args: string[]) => Promise<string>;
  const listRequests: string[] = [];
  const sockets: { socket: WebSocket; sent: Record<string, unknown>[] }[] = [];
  let brokenAt = '';

  function step(name: string, body: () => Promise<void>) {
    it(name, async (context) => {
      if (brokenAt) context.skip(`an earlier step failed: ${brokenAt}`);
      try {
        await body();
      } catch (error) {
        brokenAt = name;
        await shots.take(page, `FAILED-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
        throw error;
      }
    });
  }

  const row = (pod: string) => page.getByTestId(`resource-row-${pod}`);
  const live = () => page.getByTestId('resource-live').getAttribute('data-live');

  beforeAll(async () => {
    await shots.clear();
    tmp = await mkdtemp(path.join(tmpdir(), 'atrium-watch-e2e-'));
    sim = await startSimCluster({ name: CLUSTER, nodes: 2, outDir: tmp });
    kubectl = await kubectlFor(sim.kubeconfig, tmp);
    await kubectl('create', 'namespace', NAMESPACE);
    await kubectl('run', 'seed', '--image=nginx:1.27', '--restart=Never', '-n', NAMESPACE);
    server = await startAtriumServer({ adminPassword: ADMIN.password });
    const token = await apiSignIn(server.url, ADMIN.username, ADMIN.password);
    await apiRegisterCluster(server.url, token, CLUSTER, sim.kubeconfig);
    // The browser reaches Atrium through a relay the test can cut, like a dropped network.
    proxy = await startTcpProxy(new URL(server.url));
    browser = await launchBrowser();
    ({ page } = await openSession(browser, { baseURL: proxy.url }));
    page.on('request', (request) => {
      if (request.method() === 'GET' && LIST_URL.test(new URL(request.url()).pathname))
        listRequests.push(request.url());
    });
    page.on('websocket', (socket) => {
      if (!socket.url().endsWith('/api/v1/stream')) return;
      const entry = { socket, sent: [] as Record<string, unknown>[] };
      sentFrames(socket, entry.sent);
      sockets.push(entry);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.dispose(shots.dir);
    await sim?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  step('the pods list of a namespace is open and live', async () => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await expectPath(page, '/overview');
    await page.goto(`${PODS_PATH}?namespace=${NAMESPACE}`);
    await row('seed').waitFor();
    await expect.poll(live, LIVE).toBe('true');
    expect(listRequests).toHaveLength(1);
    expect(sockets).toHaveLength(1);
    await shots.take(page, 'pods-live');
  });

  step('a pod created with the real kubectl appears without a reload', async () => {
    await kubectl('run', 'from-kubectl', '--image=nginx:1.27', '--restart=Never', '-n', NAMESPACE);
    await row('from-kubectl').waitFor({ timeout: LIVE.timeout });
    // The kubelet's progress arrives too: the new pod turns Running in place.
    await expect
      .poll(() => page.getByTestId('resource-status-from-kubectl').getAttribute('data-status'), LIVE)
      .toBe('Running');
    expect(listRequests).toHaveLength(1);
    await shots.take(page, 'pod-from-kubectl');
  });

  step(
    'the network drops while a pod is created; the console reconnects and resumes without reloading',
    async () => {
      const firstSocket = sockets[0]!;
      proxy.cut();
      await expect.poll(live, LIVE).toBe('false');
      await expect.poll(() => firstSocket.socket.isClosed(), POLL).toBe(true);

      await kubectl('run', 'while-offline', '--image=nginx:1.27', '--restart=Never', '-n', NAMESPACE);
      // Still the old picture: nothing can reach the browser.
      expect(await row('while-offline').count()).toBe(0);
      await shots.take(page, 'network-down');

      proxy.restore();
      await row('while-offline').waitFor({ timeout: LIVE.timeout });
      await expect.poll(live, LIVE).toBe('true');
      // A new socket, subscribed from the last version the old one saw; and no list request.
      expect(sockets.length).toBeGreaterThanOrEqual(2);
      const resumed = sockets.at(-1)!.sent.find((frame) => frame.type === 'subscribe');
      expect(resumed).toMatchObject({ cluster: CLUSTER, resource: 'pods', namespace: NAMESPACE });
      expect(Number(resumed!.resourceVersion)).toBeGreaterThan(0);
      expect(listRequests).toHaveLength(1);
      await expect.poll(() => page.getByTestId('resource-pagination').innerText(), POLL).toContain('Total 3');
      await shots.take(page, 'resumed-after-reconnect');
    },
  );

  step('a pod deleted with kubectl disappears from the list', async () => {
    await kubectl('delete', 'pod', 'seed', '-n', NAMESPACE, '--wait=false');
    await row('seed').waitFor({ state: 'detached', timeout: LIVE.timeout });
    expect(listRequests).toHaveLength(1);
  });
});
