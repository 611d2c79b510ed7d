import type { Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login } from '../../testing/http.ts';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';
import { WORKSPACE_LABEL } from './workspace-namespaces.ts';

const BASE = '/api/v1/clusters/dev/resources';
const PROJECTS: Record<string, string> = { 'ws-blog': 'p-media' };

let env: DataPlaneTestApp;
let dev: Cluster;
const tokens: Record<string, string> = {};

const as = (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  call(env.t.app, method, url, { token: tokens[user], ...(body !== undefined && { body }) });

const names = (response: { json: { items: { metadata: { name: string; namespace?: string } }[] } }) =>
  response.json.items
    .map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name))
    .sort();

async function user(name: string, role: string, scope: { scopeType: string; scopeId?: string }) {
  const id = await createUser(env.t.app, env.adminToken, name);
  await grantRole(env.t.app, env.adminToken, id, role, scope);
  tokens[name] = (await login(env.t.app, name, 'user-Passw0rd')).accessToken;
}

beforeAll(async () => {
  env = await startDataPlaneApp([{ name: 'dev' }], {
    workspaceLocator: { projectOf: async (workspace) => PROJECTS[workspace] ?? null },
  });
  dev = env.clusters['dev']!;
  const namespaces: [string, string | null][] = [
    ['shop', 'ws-shop'],
    ['blog', 'ws-blog'],
    ['platform-only', null],
  ];
  for (const [name, workspace] of namespaces) {
    const labels: Record<string, string> = workspace ? { [WORKSPACE_LABEL]: workspace } : {};
    await dev.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    await dev.client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: name, labels: { app: 'x' } },
    });
  }
  await user('alice', 'workspace-operator', { scopeType: 'workspace', scopeId: 'ws-shop' });
  await user('vera', 'workspace-viewer', { scopeType: 'workspace', scopeId: 'ws-shop' });
  await user('carol', 'project-viewer', { scopeType: 'project', scopeId: 'p-media' });
  await user('nobody', 'workspace-viewer', { scopeType: 'workspace', scopeId: 'ws-elsewhere' });
}, 60_000);
afterAll(() => env.close());

describe('what a workspace member sees', () => {
  it('lists only the namespaces of their workspace, and only the objects in them', async () => {
    expect(names(await as('alice', 'GET', `${BASE}/core/v1/namespaces`))).toEqual(['shop']);
    expect(names(await as('alice', 'GET', `${BASE}/core/v1/configmaps?labelSelector=app`))).toEqual([
      'shop/settings',
    ]);
    expect(
      names(
        await call(env.t.app, 'GET', `${BASE}/core/v1/configmaps?labelSelector=app`, {
          token: env.adminToken,
        }),
      ),
    ).toEqual(['blog/settings', 'platform-only/settings', 'shop/settings']);
  });

  it('reaches namespaces through a project binding too', async () => {
    expect(names(await as('carol', 'GET', `${BASE}/core/v1/namespaces`))).toEqual(['blog']);
    expect(names(await as('carol', 'GET', `${BASE}/core/v1/configmaps?labelSelector=app`))).toEqual([
      'blog/settings',
    ]);
  });

  it('gets the same 404 for a hidden namespace as for one that does not exist', async () => {
    const hidden = await as('alice', 'GET', `${BASE}/core/v1/configmaps/blog/settings`);
    const missing = await as('alice', 'GET', `${BASE}/core/v1/configmaps/shop/nothing-here`);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error).toEqual({
      ...missing.json.error,
      message: 'configmaps "settings" not found',
      details: { ...missing.json.error.details, name: 'settings' },
    });

    const hiddenList = await as('alice', 'GET', `${BASE}/core/v1/configmaps?namespace=blog`);
    const missingList = await as('alice', 'GET', `${BASE}/core/v1/configmaps?namespace=no-such-namespace`);
    expect(hiddenList.status).toBe(404);
    expect(hiddenList.json.error.message).toBe('namespaces "blog" not found');
    expect(missingList.json.error.message).toBe('namespaces "no-such-namespace" not found');

    const hiddenNamespace = await as('alice', 'GET', `${BASE}/core/v1/namespaces/_/platform-only`);
    expect(hiddenNamespace.status).toBe(404);
    expect((await as('alice', 'GET', `${BASE}/core/v1/namespaces/_/shop`)).status).toBe(200);
  });

  it('writes in a hidden namespace are 404 too; in their own they work', async () => {
    const body = (namespace: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'new', namespace },
    });
    const hidden = await as('alice', 'POST', `${BASE}/core/v1/configmaps`, body('blog'));
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.message).toBe('namespaces "blog" not found');
    expect((await as('alice', 'DELETE', `${BASE}/core/v1/configmaps/blog/settings`)).status).toBe(404);
    expect((await as('alice', 'POST', `${BASE}/core/v1/configmaps`, body('shop'))).status).toBe(201);
  });

  it('is refused with 403 naming the permission where the namespace is visible but the code is missing', async () => {
    const create = await as('vera', 'POST', `${BASE}/core/v1/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'nope', namespace: 'shop' },
    });
    expect(create.status).toBe(403);
    expect(create.json.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'config:manage' } });
    // Viewers read configuration, not secrets.
    const secrets = await as('vera', 'GET', `${BASE}/core/v1/secrets?namespace=shop`);
    expect(secrets.json.error.details.permission).toBe('secrets:view');
    // Cluster-scoped kinds need a platform binding.
    const nodes = await as('alice', 'GET', `${BASE}/core/v1/nodes`);
    expect(nodes.status).toBe(403);
    expect(nodes.json.error.details.permission).toBe('nodes:view');
  });

  it('has nothing to see in a cluster where none of their namespaces live', async () => {
    expect((await as('nobody', 'GET', `${BASE}/core/v1/configmaps`)).status).toBe(403);
    expect((await as('nobody', 'GET', '/api/v1/clusters/dev/api-resources')).status).toBe(403);
    expect((await as('alice', 'GET', '/api/v1/clusters/dev/api-resources')).status).toBe(200);
  });

  it('audits the denials, the hidden 404s included', async () => {
    await as('alice', 'GET', `${BASE}/core/v1/configmaps/platform-only/settings`);
    await env.t.app.atrium.auditQueue.drain();
    const audit = await call(env.t.app, 'GET', '/api/v1/audit?outcome=failure&limit=200', {
      token: env.adminToken,
    });
    const denials = audit.json.items.map(
      (e: { actorName: string; errorCode: string; targetId: string; statusCode: number }) => [
        e.actorName,
        e.errorCode,
        e.targetId,
      ],
    );
    expect(denials).toContainEqual(['alice', 'NOT_FOUND', 'platform-only/configmaps/settings']);
    expect(denials).toContainEqual(expect.arrayContaining(['vera', 'FORBIDDEN']));
  });
});
