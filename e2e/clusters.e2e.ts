import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSession } from './support/browser.ts';
import { expectPath, pickOption, POLL, responseTo, signIn } from './support/console.ts';
import { screenshots } from './support/screenshots.ts';
import { startAtriumServer, type AtriumServer } from './support/server.ts';
import { startSimCluster, type SimCluster } from './support/sim-cluster.ts';
import { waitFor } from './support/wait.ts';

const ADMIN = { username: 'admin', password: `Admin-${randomBytes(6).toString('hex')}-7` };
/** The cluster as Atrium names it, and as kube-sim names its nodes and kubeconfig context. */
const CLUSTER = 'sim-east';
const WORKER = `${CLUSTER}-worker`;
/** Long enough for a probe (every 10 s) to notice a change, on a busy 2-core machine. */
const LIVE = { timeout: 60_000, interval: 250 } as const;

const WEB_DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            resources: {
              requests: { cpu: '250m', memory: '256Mi' },
              limits: { cpu: '500m', memory: '512Mi' },
            },
          },
        ],
      },
    },
  },
};

interface PodObject {
  metadata: { name: string; deletionTimestamp?: string };
  status?: { phase?: string };
}

describe('clusters: an administrator connects a cluster and operates it from the console', () => {
  const shots = screenshots('clusters');
  let tmp: string;
  let sim: SimCluster;
  let server: AtriumServer;
  let browser: Browser;
  let page: Page;
  /** Every URL the browser fetched, to tell when the YAML editor's chunk was downloaded. */
  const fetched: string[] = [];
  let brokenAt = '';

  /** One step of the story; after a failure the rest are skipped and every page is photographed. */
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

  /**
   * Like a user in the YAML editor: from the top, find the text (Ctrl+F selects the first match
   * as it is typed), close the search and type over the selected match.
   */
  async function replaceInEditor(find: string, replacement: string) {
    await page.getByTestId('yaml-editor').locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+F');
    await page.keyboard.insertText(find);
    await page.keyboard.press('Escape');
    await page.keyboard.insertText(replacement);
  }

  async function webPods(): Promise<PodObject[]> {
    const { items } = await sim.client.list(
      { apiVersion: 'v1', kind: 'Pod' },
      { namespace: 'shop', labelSelector: 'app=web' },
    );
    return items as PodObject[];
  }

  async function settledWebPods(image: string): Promise<string[]> {
    return waitFor(
      `two Running web pods on ${image}`,
      async () => {
        const pods = (await webPods()) as (PodObject & { spec?: { containers?: { image?: string }[] } })[];
        const live = pods.filter((p) => !p.metadata.deletionTimestamp);
        const ready = live.filter(
          (p) => p.status?.phase === 'Running' && p.spec?.containers?.[0]?.image === image,
        );
        return live.length === 2 && ready.length === 2 ? ready.map((p) => p.metadata.name).sort() : undefined;
      },
      { timeoutMs: 90_000 },
    );
  }

  beforeAll(async () => {
    await shots.clear();
    tmp = await mkdtemp(path.join(tmpdir(), 'atrium-clusters-e2e-'));
    sim = await startSimCluster({ name: CLUSTER, nodes: 3, outDir: tmp });
    await sim.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await sim.client.create(structuredClone(WEB_DEPLOYMENT));
    await settledWebPods('nginx:1.27');
    server = await startAtriumServer({ adminPassword: ADMIN.password });
    browser = await launchBrowser();
    ({ page } = await openSession(browser, { baseURL: server.url }));
    page.on('request', (request) => fetched.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose(shots.dir);
    await sim?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  step('the administrator opens Clusters: none is connected yet', async () => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await expectPath(page, '/overview');
    await page.getByTestId('menu-clusters').click();
    await expectPath(page, '/clusters');
    await page.getByTestId('clusters-table').getByText('No cluster is connected yet').waitFor();
    await shots.take(page, 'clusters-empty');
  });

  step(
    'the wizard takes a name, a pasted kubeconfig, and shows every check of the connection test',
    async () => {
      await page.getByTestId('clusters-register').click();
      await expectPath(page, '/clusters/register');
      await page.getByTestId('cluster-form-name').fill(CLUSTER);
      await page.getByTestId('cluster-form-display-name').fill('East (simulated)');
      await pickOption(page, 'cluster-form-environment', 'cluster-env-prod');
      await page.getByTestId('cluster-form-region').fill('atrium-east-1');
      await page.getByTestId('cluster-form-description').fill('kube-sim cluster for the console story');
      await shots.take(page, 'register-basics');
      await page.getByTestId('register-next').click();

      // First a token without the cluster's CA: the test names the TLS failure, nothing is saved.
      await page.getByTestId('credential-type-token').click();
      await page.getByTestId('credential-server').fill(sim.url);
      await page.getByTestId('credential-token').fill('not-a-valid-token-0123456789');
      await responseTo(page, 'POST', /^\/api\/v1\/clusters\/test-connection$/, 200, () =>
        page.getByTestId('register-next').click(),
      );
      const failed = page.getByTestId('connection-check-version');
      await expect.poll(() => failed.getAttribute('data-ok'), POLL).toBe('false');
      await expect.poll(() => failed.innerText(), POLL).toContain('CLUSTER_TLS_ERROR');
      expect(await page.getByTestId('register-submit').isDisabled()).toBe(true);
      await shots.take(page, 'register-connection-failed');
      await page.getByTestId('register-back').click();
      await page.getByTestId('credential-type-kubeconfig').click();

      await page.getByTestId('credential-kubeconfig').fill(sim.kubeconfig);
      // The contexts are read in the browser: the picker shows the one kubectl would use.
      const server = page.getByTestId('credential-context-server');
      await expect.poll(() => server.innerText(), POLL).toContain(sim.url);
      await shots.take(page, 'register-credential');

      await responseTo(page, 'POST', /^\/api\/v1\/clusters\/test-connection$/, 200, () =>
        page.getByTestId('register-next').click(),
      );
      await page.getByTestId('connection-passed').waitFor();
      for (const check of ['version', 'list-namespaces', 'list-nodes']) {
        await expect
          .poll(() => page.getByTestId(`connection-check-${check}`).getAttribute('data-ok'), POLL)
          .toBe('true');
      }
      await expect
        .poll(() => page.getByTestId('connection-check-version').innerText(), POLL)
        .toContain('-sim');
      await shots.take(page, 'register-connection-test');

      await responseTo(page, 'POST', /^\/api\/v1\/clusters$/, 201, () =>
        page.getByTestId('register-submit').click(),
      );
      await page.getByTestId('register-done').waitFor();
      await shots.take(page, 'register-done');
    },
  );

  step('the cluster is Ready in the list, with its version, nodes and capacity', async () => {
    await page.getByTestId('register-done-list').click();
    await expectPath(page, '/clusters');
    const status = page.getByTestId(`cluster-status-${CLUSTER}`);
    await expect.poll(() => status.getAttribute('data-phase'), LIVE).toBe('Ready');
    await expect
      .poll(() => page.getByTestId(`cluster-version-${CLUSTER}`).innerText(), POLL)
      .toMatch(/^v1\.\d+\.\d+-sim$/);
    await expect.poll(() => page.getByTestId(`cluster-nodes-${CLUSTER}`).innerText(), POLL).toBe('3');
    // Two pods ask for 250m each: the CPU bar shows what is requested of what the nodes offer.
    await expect.poll(() => page.getByTestId(`cluster-cpu-${CLUSTER}`).innerText(), LIVE).toContain('500m');
    await shots.take(page, 'clusters-list');
  });

  step('the list follows the cluster’s health without a reload: Unreachable, then Ready again', async () => {
    const status = page.getByTestId(`cluster-status-${CLUSTER}`);
    await sim.faults.setUnreachable(true);
    await expect.poll(() => status.getAttribute('data-phase'), LIVE).toBe('Unreachable');
    await shots.take(page, 'clusters-list-unreachable');
    await sim.faults.setUnreachable(false);
    await expect.poll(() => status.getAttribute('data-phase'), LIVE).toBe('Ready');
  });

  step('the cluster overview shows its version, capacity against requests, pods and checks', async () => {
    await page.getByTestId(`cluster-open-${CLUSTER}`).click();
    await expectPath(page, `/clusters/${CLUSTER}/overview`);
    await expect.poll(() => page.getByTestId('overview-version').innerText(), POLL).toContain('-sim');
    await expect.poll(() => page.getByTestId('overview-node-count').innerText(), POLL).toBe('3');
    await expect.poll(() => page.getByTestId('overview-cpu-requested').innerText(), POLL).toBe('500m');
    await page.getByTestId('overview-pod-phases').locator('canvas').waitFor();
    await page.getByTestId('readiness-etcd').waitFor();
    await expect.poll(() => fetched.some((url) => url.includes('/assets/monacoSetup-')), POLL).toBe(false);
    await shots.take(page, 'cluster-overview');
  });

  step('cordoning a node shows SchedulingDisabled, and the cluster’s node is unschedulable', async () => {
    await page.getByTestId('cluster-menu-nodes').click();
    await expectPath(page, `/clusters/${CLUSTER}/nodes`);
    await page.getByTestId(`node-row-${WORKER}`).waitFor();
    await expect
      .poll(() => page.getByTestId('nodes-table').locator('tr.el-table__row').count(), POLL)
      .toBe(3);
    await page.getByTestId(`node-cordon-${WORKER}`).click();
    await page.locator('.atrium-confirm .el-button--danger').click();
    const status = page.getByTestId(`node-status-${WORKER}`);
    await expect.poll(() => status.getAttribute('data-status'), POLL).toBe('Ready,SchedulingDisabled');
    const node = await sim.client.get({ apiVersion: 'v1', kind: 'Node', name: WORKER });
    expect(node.spec?.unschedulable).toBe(true);
    await page.getByTestId(`node-uncordon-${WORKER}`).waitFor();
    await shots.take(page, 'nodes-cordoned');

    await page.getByTestId(`node-row-${WORKER}`).click();
    await expectPath(page, `/clusters/${CLUSTER}/nodes/${WORKER}`);
    await expect
      .poll(() => page.getByTestId('node-detail-status').getAttribute('data-status'), POLL)
      .toBe('Ready,SchedulingDisabled');
    await page.getByTestId('conditions-table').getByText('MemoryPressure').waitFor();
    await shots.take(page, 'node-detail');
  });

  step('draining refuses a pod nothing would recreate until told to, then evicts it', async () => {
    await sim.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'shop' },
      spec: { nodeName: WORKER, containers: [{ name: 'sh', image: 'busybox:1.36' }] },
    });
    await page.getByTestId('node-detail-drain').click();
    const dialog = page.getByTestId('drain-dialog');
    await dialog.getByTestId('drain-start').click();
    // Like kubectl drain without --force: nothing is evicted, the pod and the option are named.
    await expect.poll(() => dialog.getByTestId('drain-blocked').innerText(), POLL).toContain('shop/scratch');
    await shots.take(page, 'drain-blocked');
    const shopPods = async () =>
      (await sim.client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'shop' })).items.map(
        (p) => p.metadata.name,
      );
    expect(await shopPods()).toContain('scratch');

    await dialog.getByTestId('drain-force').click();
    await dialog.getByTestId('drain-start').click();
    const progress = dialog.getByTestId('drain-progress');
    await expect.poll(() => progress.getAttribute('data-phase'), LIVE).toBe('Succeeded');
    await expect.poll(() => dialog.getByTestId('drain-evicted').innerText(), POLL).toContain('shop/scratch');
    await shots.take(page, 'drain-done');
    await dialog.getByTestId('drain-close').click();
    expect(await shopPods()).not.toContain('scratch');
  });

  step('editing a deployment’s YAML shows the diff first, then the cluster has the change', async () => {
    await page.getByTestId('cluster-menu-deployments').click();
    await expectPath(page, `/clusters/${CLUSTER}/resources/apps/v1/deployments`);
    await expect.poll(() => page.getByTestId('resource-ready-web').innerText(), LIVE).toBe('2/2');
    await expect.poll(() => page.getByTestId('resource-live').getAttribute('data-live'), LIVE).toBe('true');
    await shots.take(page, 'deployments');
    // Monaco is a chunk of its own, fetched only once an editor opens.
    expect(fetched.filter((url) => url.includes('/assets/monacoSetup-'))).toEqual([]);

    await page.getByTestId('resource-edit-web').click();
    await page.locator('[data-testid="yaml-editor"][data-ready="true"]').waitFor();
    expect(fetched.some((url) => url.includes('/assets/monacoSetup-'))).toBe(true);
    await replaceInEditor('image: nginx:1.27', 'image: nginx:1.28');
    await shots.take(page, 'deployment-yaml-edit');

    await page.getByTestId('yaml-review').click();
    await page.locator('[data-testid="yaml-diff"][data-ready="true"]').waitFor();
    const change = page.getByTestId('yaml-change-spec.template.spec.containers[0].image');
    await expect.poll(() => change.innerText(), POLL).toMatch(/nginx:1\.27[\s\S]*nginx:1\.28/);
    const modified = page.getByTestId('yaml-diff').locator('.modified .view-lines');
    await expect
      .poll(async () => (await modified.innerText()).replace(/\s+/g, ' '), POLL)
      .toContain('image: nginx:1.28');
    await shots.take(page, 'deployment-yaml-diff');

    await responseTo(page, 'PUT', /\/resources\/apps\/v1\/deployments\/shop\/web$/, 200, () =>
      page.getByTestId('yaml-save').click(),
    );
    await page.getByTestId('yaml-dialog').waitFor({ state: 'hidden' });
    const saved = await sim.client.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    expect(saved.spec.template.spec.containers[0]!.image).toBe('nginx:1.28');
    // The row follows the change through the stream.
    await expect.poll(() => page.getByTestId('resource-images-web').innerText(), LIVE).toBe('nginx:1.28');
  });

  step('the deployment page shows its replicas, ReplicaSets and pods', async () => {
    await settledWebPods('nginx:1.28');
    await page.getByTestId('resource-row-web').click();
    await expectPath(page, `/clusters/${CLUSTER}/resources/apps/v1/deployments/shop/web`);
    await expect.poll(() => page.getByTestId('deployment-images').innerText(), POLL).toBe('nginx:1.28');
    await expect.poll(() => page.getByTestId('deployment-ready').innerText(), LIVE).toContain('2');
    await expect
      .poll(() => page.getByTestId('deployment-pods').locator('tr.el-table__row').count(), LIVE)
      .toBe(2);
    await shots.take(page, 'deployment-detail');
  });

  step('saving over a change made meanwhile is refused as a conflict, with a reload', async () => {
    await page.getByTestId('detail-edit').click();
    await page.locator('[data-testid="yaml-editor"][data-ready="true"]').waitFor();
    await replaceInEditor('replicas: 2', 'replicas: 3');
    // Someone else changes the deployment while the editor is open.
    await sim.client.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      'merge',
      {
        metadata: { annotations: { 'team.example.com/owner': 'payments' } },
      },
    );
    await page.getByTestId('yaml-review').click();
    await page.locator('[data-testid="yaml-diff"][data-ready="true"]').waitFor();
    await expect
      .poll(() => page.getByTestId('yaml-change-spec.replicas').innerText(), POLL)
      .toMatch(/2[\s\S]*3/);
    await responseTo(page, 'PUT', /\/resources\/apps\/v1\/deployments\/shop\/web$/, 409, () =>
      page.getByTestId('yaml-save').click(),
    );
    const conflict = page.getByTestId('yaml-conflict');
    await expect.poll(() => conflict.innerText(), POLL).toContain('Changed since you opened it');
    await shots.take(page, 'deployment-yaml-conflict');
    const current = await sim.client.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    expect(current.spec.replicas).toBe(2);

    await page.getByTestId('yaml-conflict-reload').click();
    await conflict.waitFor({ state: 'detached' });
    const editor = page.getByTestId('yaml-editor').locator('.view-lines');
    await expect
      .poll(async () => (await editor.innerText()).replace(/\s+/g, ' '), POLL)
      .toContain('team.example.com/owner: payments');
    await page.getByTestId('yaml-cancel').click();
    await page.getByTestId('yaml-dialog').waitFor({ state: 'hidden' });
  });

  step('deleting a pod removes it from the list; its ReplicaSet replaces it', async () => {
    const [victim] = await settledWebPods('nginx:1.28');
    await page.getByTestId('cluster-menu-pods').click();
    await expectPath(page, `/clusters/${CLUSTER}/resources/core/v1/pods`);
    await pickOption(page, 'resource-namespace', 'resource-namespace-shop');
    await page.getByTestId(`resource-row-${victim}`).waitFor();
    await expect.poll(() => page.getByTestId('resource-live').getAttribute('data-live'), LIVE).toBe('true');

    await page.getByTestId(`resource-more-${victim}`).click();
    await page.getByTestId(`resource-delete-${victim}`).click();
    await responseTo(page, 'DELETE', new RegExp(`/resources/core/v1/pods/shop/${victim}$`), 200, () =>
      page.locator('.atrium-confirm .el-button--danger').click(),
    );
    await page.getByTestId(`resource-row-${victim}`).waitFor({ state: 'detached', timeout: LIVE.timeout });
    const replaced = await settledWebPods('nginx:1.28');
    expect(replaced).not.toContain(victim);
    for (const name of replaced)
      await page.getByTestId(`resource-row-${name}`).waitFor({ timeout: LIVE.timeout });
    await shots.take(page, 'pods-after-delete');
  });

  step('searching all clusters finds the web pods with their cluster, and opens one', async () => {
    const pods = await settledWebPods('nginx:1.28');
    await page.getByTestId('cluster-back').click();
    await expectPath(page, '/clusters');
    await page.getByTestId('clusters-search-all').click();
    await expectPath(page, '/clusters/search');
    // Pods of every cluster, before any filter.
    await page.getByTestId(`resource-cluster-${pods[0]}`).waitFor({ timeout: POLL.timeout });
    await page.getByTestId('cluster-search-labels').fill('app=web');
    await responseTo(page, 'GET', /^\/api\/v1\/resources\/core\/v1\/pods$/, 200, () =>
      page.getByTestId('cluster-search-submit').click(),
    );
    for (const name of pods) {
      await expect.poll(() => page.getByTestId(`resource-cluster-${name}`).innerText(), POLL).toBe(CLUSTER);
    }
    const namespaces = await page
      .getByTestId('resource-table')
      .locator('tr.el-table__row td:nth-child(2)')
      .allInnerTexts();
    expect(new Set(namespaces)).toEqual(new Set(['shop']));
    await shots.take(page, 'cluster-search');
    await page.getByTestId(`resource-row-${pods[0]}`).click();
    await expectPath(page, `/clusters/${CLUSTER}/resources/core/v1/pods/shop/${pods[0]}`);
  });

  step('removing the cluster asks for its name; the cluster itself keeps running', async () => {
    await page.getByTestId('cluster-back').click();
    await expectPath(page, '/clusters');
    await page.getByTestId(`cluster-more-${CLUSTER}`).click();
    await page.getByTestId(`cluster-delete-${CLUSTER}`).click();
    const input = page.getByTestId('cluster-delete-confirm-input');
    const confirm = page.getByTestId('cluster-delete-submit');
    await input.fill('sim-wes');
    expect(await confirm.isDisabled()).toBe(true);
    await input.fill(CLUSTER);
    await shots.take(page, 'cluster-remove-dialog');
    await responseTo(page, 'DELETE', new RegExp(`^/api/v1/clusters/${CLUSTER}$`), 204, () => confirm.click());
    await page.getByTestId('clusters-table').getByText('No cluster is connected yet').waitFor();
    expect(await webPods()).toHaveLength(2);
  });
});
