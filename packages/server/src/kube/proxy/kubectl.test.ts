import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cluster } from '@atrium/kube-sim';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login } from '../../testing/http.ts';
import { WORKSPACE_LABEL } from '../access/workspace-namespaces.ts';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';
import { eventually } from '../cache/testing/eventually.ts';
import { TlsEndpoint } from '../../core/http/tls-listener.ts';
import { LocalCertificateAuthority } from '../../core/tls/local-ca.ts';

let env: DataPlaneTestApp;
let dev: Cluster;
let dir: string;
let baseUrl: string;
let tls: TlsEndpoint;
const kubeconfigs: Record<string, string> = {};
const sessions: Record<string, string> = {};

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** The machine's real kubectl with a kubeconfig downloaded from Atrium; HOME is a temp dir. */
function kubectl(
  user: string,
  args: string[],
  input?: string,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: kubeconfigs[user], HOME: dir, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

async function download(user: string, query = '') {
  return call(env.t.app, 'GET', `/api/v1/clusters/dev/kubeconfig${query}`, { token: sessions[user] });
}

async function auditActions(actor: string) {
  await env.t.app.atrium.auditQueue.drain();
  const response = await call(env.t.app, 'GET', `/api/v1/audit?actor=${actor}&action=kubectl.*&limit=200`, {
    token: env.adminToken,
  });
  return response.json.items as {
    action: string;
    targetType: string;
    targetId: string;
    diff: unknown;
    outcome: string;
    workspaceId: string;
  }[];
}

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
  namespace: shop
data:
  color: blue
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atrium-kubectl-'));
  // Atrium's own HTTPS listener with its local CA, as `npm start` serves it: kubectl sends its
  // token only over TLS, and the downloaded kubeconfig carries the CA.
  tls = new TlsEndpoint();
  env = await startDataPlaneApp([{ name: 'dev', nodes: 2 }], { tlsEndpoint: tls });
  dev = env.clusters['dev']!;
  await env.t.app.listen({ port: 0, host: '127.0.0.1' });
  const ca = await LocalCertificateAuthority.loadOrCreate(path.join(dir, 'tls'));
  const certificate = await ca.issueServingCertificate(['localhost', '127.0.0.1']);
  await tls.listen(env.t.app, { host: '127.0.0.1', port: 0, ...certificate, caPem: ca.caPem });
  baseUrl = `https://localhost:${tls.port}`;
  for (const [name, workspace] of [
    ['shop', 'ws-shop'],
    ['blog', 'ws-blog'],
  ]) {
    await dev.client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: name!, labels: { [WORKSPACE_LABEL]: workspace! } },
    });
  }
  sessions['admin'] = env.adminToken;
  for (const [user, role] of [
    ['alice', 'workspace-operator'],
    ['vera', 'workspace-viewer'],
  ] as const) {
    const id = await createUser(env.t.app, env.adminToken, user);
    await grantRole(env.t.app, env.adminToken, id, role, { scopeType: 'workspace', scopeId: 'ws-shop' });
    sessions[user] = (await login(env.t.app, user, 'user-Passw0rd')).accessToken;
  }
  kubeconfigs['direct'] = path.join(dir, 'direct.kubeconfig');
  await writeFile(kubeconfigs['direct'], dev.kubeconfig, { mode: 0o600 });
  for (const user of ['admin', 'alice', 'vera']) {
    const response = await download(user);
    expect(response.status, response.text).toBe(200);
    kubeconfigs[user] = path.join(dir, `${user}.kubeconfig`);
    await writeFile(kubeconfigs[user]!, response.text, { mode: 0o600 });
  }
}, 90_000);
afterAll(async () => {
  await env.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the downloaded kubeconfig', () => {
  it('points kubectl at Atrium with a personal, expiring token limited to cluster codes', async () => {
    const response = await download('alice', '?expiresInDays=7');
    expect(response.headers['content-type']).toContain('application/yaml');
    const config = parse(response.text);
    expect(config['current-context']).toBe('dev');
    expect(config.clusters[0].cluster.server).toBe(`${baseUrl}/k8s/clusters/dev`);
    const ca = Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
    expect(ca).toBe(tls.caPem);
    const token: string = config.users[0].user.token;
    expect(token).toMatch(/^atr_/);
    const mine = await call(env.t.app, 'GET', '/api/v1/me/tokens', { token: sessions['alice'] });
    const minted = mine.json.items.filter((t: { name: string }) => t.name.startsWith('kubeconfig dev'));
    expect(minted).toHaveLength(2);
    const week = minted.find((t: { prefix: string }) => token.startsWith(t.prefix));
    expect(Date.parse(week.expiresAt) - env.t.clock.now()).toBe(7 * 24 * 3600_000);
    expect(week.scopes).toEqual(
      expect.arrayContaining(['workloads:view', 'pods:exec', 'kubeconfig:download']),
    );
    expect(week.scopes).not.toContain('users:view');
    expect(response.text).not.toContain(dev.adminToken);
  });

  it('is refused to API tokens and to users without kubeconfig:download', async () => {
    const config = parse((await download('alice')).text);
    const withToken = await call(env.t.app, 'GET', '/api/v1/clusters/dev/kubeconfig', {
      token: config.users[0].user.token,
    });
    expect(withToken.status).toBe(403);
    const id = await createUser(env.t.app, env.adminToken, 'stranger');
    await grantRole(env.t.app, env.adminToken, id, 'workspace-viewer', {
      scopeType: 'workspace',
      scopeId: 'ws-elsewhere',
    });
    const stranger = (await login(env.t.app, 'stranger', 'user-Passw0rd')).accessToken;
    const refused = await call(env.t.app, 'GET', '/api/v1/clusters/dev/kubeconfig', { token: stranger });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details.permission).toBe('kubeconfig:download');
  });
});

describe('kubectl through Atrium', () => {
  it('gets, applies and reads back in the user’s namespace', async () => {
    expect((await kubectl('alice', ['version', '-o', 'json'])).code).toBe(0);
    const applied = await kubectl('alice', ['apply', '-f', '-'], MANIFEST);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('configmap/app-settings created');
    expect(applied.stdout).toContain('pod/web created');
    const get = await kubectl('alice', [
      '-n',
      'shop',
      'get',
      'configmap',
      'app-settings',
      '-o',
      'jsonpath={.data.color}',
    ]);
    expect(get.stdout).toBe('blue');
    const reapplied = await kubectl(
      'alice',
      ['apply', '-f', '-'],
      MANIFEST.replace('color: blue', 'color: green'),
    );
    expect(reapplied.stdout).toContain('configmap/app-settings configured');
    const table = await kubectl('alice', ['-n', 'shop', 'get', 'pods']);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+STATUS/);
  });

  it('refuses a namespace the user may not touch, and lists across namespaces', async () => {
    const hidden = await kubectl('alice', ['-n', 'blog', 'get', 'pods']);
    expect(hidden.code).not.toBe(0);
    expect(hidden.stderr).toContain('Error from server (Forbidden)');
    const write = await kubectl('alice', ['-n', 'blog', 'create', 'configmap', 'x', '--from-literal=a=b']);
    expect(write.stderr).toContain('Permission "config:manage" is required');
    const everywhere = await kubectl('alice', ['get', 'pods', '-A']);
    expect(everywhere.stderr).toContain('Forbidden');
    expect((await kubectl('admin', ['get', 'pods', '-A'])).code).toBe(0);
    const viewer = await kubectl('vera', ['-n', 'shop', 'delete', 'configmap', 'app-settings']);
    expect(viewer.stderr).toContain('config:manage');
  });

  it('answers auth can-i for the Atrium user with the decision the proxy takes', async () => {
    const canI = async (user: string, ...args: string[]) => {
      const run = await kubectl(user, ['auth', 'can-i', ...args]);
      // kubectl exits 1 on "no": the answer is in the exit code and on stdout.
      expect(run.code, run.stderr).toBe(run.stdout.startsWith('yes') ? 0 : 1);
      return run.stdout.trim();
    };
    expect(await canI('alice', 'create', 'configmaps', '-n', 'shop')).toBe('yes');
    expect(await canI('alice', 'create', 'pods', '--subresource=exec', '-n', 'shop')).toBe('yes');
    expect(await canI('alice', 'get', 'pods', '-n', 'blog')).toBe(
      'no - Permission "workloads:view" is required',
    );
    expect(await canI('alice', 'list', 'pods', '-A')).toContain('name a namespace (-n)');
    expect(await canI('vera', 'get', 'pods', '-n', 'shop')).toBe('yes');
    expect(await canI('vera', 'delete', 'configmaps', '-n', 'shop')).toContain('config:manage');
    expect(await canI('vera', 'create', 'pods', '--subresource=exec', '-n', 'shop')).toContain('pods:exec');
    expect(await canI('vera', 'impersonate', 'users')).toBe('no - Atrium grants no "impersonate" verb');
    expect(await canI('admin', 'list', 'pods', '-A')).toBe('yes');
    // Asked directly, the cluster would have said yes for Atrium's own credential.
    expect(await canI('direct', 'delete', 'configmaps', '-n', 'shop')).toBe('yes');
  });

  it('answers auth whoami with the Atrium user, not the cluster credential', async () => {
    const whoami = await kubectl('alice', ['auth', 'whoami', '-o', 'json']);
    expect(whoami.stderr).toBe('');
    const review = JSON.parse(whoami.stdout);
    expect(review.status.userInfo.username).toBe('alice');
    expect(review.status.userInfo.extra['atrium.io/token-id']).toHaveLength(1);
    const table = await kubectl('vera', ['auth', 'whoami']);
    expect(table.stdout).toMatch(/Username\s+vera/);
  });

  it('follows logs and runs exec, over the upgraded connection', async () => {
    await eventually(
      async () =>
        (await kubectl('alice', ['-n', 'shop', 'get', 'pod', 'web', '-o', 'jsonpath={.status.phase}']))
          .stdout === 'Running',
      60_000,
    );
    // Its own process group: the machine's kubectl dispatches to a versioned kubectl child.
    const follower = spawn('kubectl', ['-n', 'shop', 'logs', '-f', 'web'], {
      env: { ...process.env, KUBECONFIG: kubeconfigs['alice'], HOME: dir },
      detached: true,
    });
    let logs = '';
    follower.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    try {
      await eventually(() => logs.includes('ready for start up'), 30_000, 'nginx start-up lines');
    } finally {
      process.kill(-follower.pid!, 'SIGTERM');
    }
    const exec = await kubectl('alice', ['-n', 'shop', 'exec', 'web', '--', 'sh', '-c', 'echo hi']);
    expect(exec.stderr).toBe('');
    expect(exec.stdout).toBe('hi\n');
    const viewer = await kubectl('vera', ['-n', 'shop', 'exec', 'web', '--', 'true']);
    expect(viewer.stderr).toContain('pods:exec');
  });

  it('tunnels a SPDY upgrade like any other, so kubectl gets what the cluster answers', async () => {
    const spdy = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };
    const args = ['-n', 'shop', 'exec', 'web', '--', 'sh', '-c', 'echo over-spdy'];
    const direct = await kubectl('direct', args, undefined, spdy);
    const proxied = await kubectl('alice', args, undefined, spdy);
    // kube-sim speaks WebSockets only and refuses SPDY; a real cluster accepts it. Either way
    // the bytes pass through Atrium untouched, so kubectl sees exactly the cluster's answer.
    expect(proxied).toEqual(direct);
  });

  it('audits every change and every exec session, with diffs and the command', async () => {
    expect((await kubectl('alice', ['-n', 'shop', 'delete', 'configmap', 'app-settings'])).code).toBe(0);
    const records = await auditActions('alice');
    const actions = records
      .filter((r) => r.outcome === 'success')
      .map((r) => `${r.action} ${r.targetType} ${r.targetId}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'kubectl.create cluster-object shop/configmaps/app-settings',
        'kubectl.create cluster-object shop/pods/web',
        'kubectl.patch cluster-object shop/configmaps/app-settings',
        'kubectl.exec cluster-object shop/pods/web/exec',
        'kubectl.delete cluster-object shop/configmaps/app-settings',
      ]),
    );
    const patch = records.find((r) => r.action === 'kubectl.patch');
    expect(patch?.diff).toMatchObject({
      before: { data: { color: 'blue' } },
      after: { data: { color: 'green' } },
    });
    expect(patch?.workspaceId).toBe('ws-shop');
    const exec = records.find((r) => r.action === 'kubectl.exec' && r.outcome === 'success');
    expect(exec?.diff).toMatchObject({ after: { command: ['sh', '-c', 'echo hi'], container: 'web' } });
    const refused = await auditActions('vera');
    expect(refused.map((r) => r.outcome)).toContain('failure');
  });

  it('never lets the cluster credential out', async () => {
    const verbose = await kubectl('alice', ['-n', 'shop', 'get', 'pods', '-v=9']);
    expect(verbose.stderr).not.toContain(dev.adminToken);
    expect(env.t.logs.join('\n')).not.toContain(dev.adminToken);
    const adminConfig = parse((await download('admin')).text);
    expect(JSON.stringify(adminConfig)).not.toContain(dev.adminToken);
  });
});
