/** The generic resource API: lists from the cache, reads and writes on the cluster, their audit. */
import type { Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';
import { adminCalls } from './testing/admin-calls.ts';

const BASE = '/api/v1/clusters/dev/resources';

let env: DataPlaneTestApp;
let dev: Cluster;
const { api, yaml, auditOf } = adminCalls(() => env);

beforeAll(async () => {
  env = await startDataPlaneApp([{ name: 'dev' }]);
  dev = env.clusters['dev']!;
  await dev.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  for (const [name, tier] of [
    ['cart', 'backend'],
    ['web', 'frontend'],
    ['api', 'backend'],
    ['web-admin', 'frontend'],
    ['search', 'backend'],
  ]) {
    await dev.client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: name!, namespace: 'shop', labels: { tier: tier! } },
      data: { name: name! },
    });
  }
}, 60_000);
afterAll(() => env.close());

describe('listing from the cache', () => {
  it('pages with limit and continue, counting the total', async () => {
    const names: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await api(
        'GET',
        `${BASE}/core/v1/configmaps?namespace=shop&labelSelector=tier&limit=2${token && `&continue=${token}`}`,
      );
      expect(page.status, page.text).toBe(200);
      expect(page.json.total).toBe(5);
      names.push(...page.json.items.map((o: { metadata: { name: string } }) => o.metadata.name));
      token = page.json.continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['api', 'cart', 'search', 'web', 'web-admin']);
  });

  it('searches names, sorts descending and filters by label and field', async () => {
    const found = await api('GET', `${BASE}/core/v1/configmaps?namespace=shop&search=WEB&sort=-name`);
    expect(found.json.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual([
      'web-admin',
      'web',
    ]);
    const backend = await api(
      'GET',
      `${BASE}/core/v1/configmaps?labelSelector=tier%3Dbackend&fieldSelector=metadata.name!%3Dapi`,
    );
    expect(backend.json.items.map((o: { metadata: { name: string } }) => o.metadata.name).sort()).toEqual([
      'cart',
      'search',
    ]);
    expect(Number(backend.json.resourceVersion)).toBeGreaterThan(0);
    const bad = await api('GET', `${BASE}/core/v1/configmaps?sort=size`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.field).toBe('sort');
  });

  it('names a kind the cluster does not serve', async () => {
    const response = await api('GET', `${BASE}/example.com/v1/gadgets`);
    expect(response.status).toBe(404);
    expect(response.json.error.message).toContain('gadgets.example.com/v1');
  });

  it('serves discovery for the resource browser', async () => {
    const response = await api('GET', '/api/v1/clusters/dev/api-resources');
    expect(response.status).toBe(200);
    expect(response.json.items).toContainEqual(
      expect.objectContaining({
        group: 'apps',
        resource: 'deployments',
        kind: 'Deployment',
        namespaced: true,
      }),
    );
    const pods = response.json.items.find(
      (r: { resource: string; group: string }) => r.group === '' && r.resource === 'pods',
    );
    expect(pods.subresources).toEqual(expect.arrayContaining(['log', 'exec', 'status']));
    expect(pods.shortNames).toContain('po');
    // The console shows a kind's buttons by these codes, and events (read-only) get none.
    expect(pods.permissions).toEqual({
      view: 'workloads:view',
      create: 'workloads:create',
      update: 'workloads:update',
      delete: 'workloads:delete',
    });
    const events = response.json.items.find(
      (r: { resource: string; group: string }) => r.group === '' && r.resource === 'events',
    );
    expect(events.permissions).toEqual({ view: 'events:view', create: null, update: null, delete: null });
  });
});

describe('writing objects', () => {
  it('creates from YAML, reads back, and refuses a replace with a stale resourceVersion (409)', async () => {
    const created = await yaml(
      'POST',
      `${BASE}/core/v1/configmaps`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  color: blue\n',
    );
    expect(created.status, created.text).toBe(201);
    const read = await api('GET', `${BASE}/core/v1/configmaps/shop/settings`);
    expect(read.json.data).toEqual({ color: 'blue' });
    const stale = read.json.metadata.resourceVersion;
    const replaced = await api('PUT', `${BASE}/core/v1/configmaps/shop/settings`, {
      body: { ...read.json, data: { color: 'green' } },
    });
    expect(replaced.status, replaced.text).toBe(200);
    const conflict = await api('PUT', `${BASE}/core/v1/configmaps/shop/settings`, {
      body: {
        ...read.json,
        metadata: { ...read.json.metadata, resourceVersion: stale },
        data: { color: 'red' },
      },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('CONFLICT');
    expect(conflict.json.error.message).toContain('the object has been modified');
    expect(conflict.json.error.details.reason).toBe('Conflict');

    const duplicate = await api('POST', `${BASE}/core/v1/configmaps`, {
      body: { ...read.json, metadata: { name: 'settings', namespace: 'shop' } },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('ALREADY_EXISTS');
  });

  it('patches with merge, JSON, strategic merge and server-side apply', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop-web', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'shop-web' } },
        template: {
          metadata: { labels: { app: 'shop-web' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1.26' },
              { name: 'log', image: 'busybox:1.36' },
            ],
          },
        },
      },
    };
    const url = `${BASE}/apps/v1/deployments/shop/shop-web`;
    expect((await api('POST', `${BASE}/apps/v1/deployments`, { body: deployment })).status).toBe(201);

    const merged = await api('PATCH', url, {
      rawBody: JSON.stringify({ spec: { replicas: 2 } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(merged.json.spec.replicas).toBe(2);

    const json = await api('PATCH', url, {
      rawBody: JSON.stringify([{ op: 'add', path: '/metadata/labels', value: { team: 'shop' } }]),
      headers: { 'content-type': 'application/json-patch+json' },
    });
    expect(json.json.metadata.labels).toEqual({ team: 'shop' });

    // Strategic merge: containers merge by name; a merge patch would have replaced the list.
    const strategic = await api('PATCH', url, {
      rawBody: JSON.stringify({
        spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
      }),
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
    expect(strategic.json.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'nginx:1.27',
      'busybox:1.36',
    ]);

    const applied = await yaml(
      'PATCH',
      `${url}?force=true`,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-web\n  namespace: shop\nspec:\n  replicas: 4\n',
      'application/apply-patch+yaml',
    );
    expect(applied.status, applied.text).toBe(200);
    expect(applied.json.spec.replicas).toBe(4);
    expect(applied.json.metadata.managedFields.map((f: { manager: string }) => f.manager)).toContain(
      'atrium',
    );

    const unknown = await api('PATCH', url, { body: { spec: {} } });
    expect(unknown.status).toBe(415);

    const invalid = await api('PATCH', url, {
      rawBody: JSON.stringify({ spec: { replicas: -1 } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.code).toBe('INVALID');
    expect(invalid.json.error.details.fields).toContainEqual(
      expect.objectContaining({ field: 'spec.replicas' }),
    );
  });

  it('deletes with a propagation policy, and a missing object is 404', async () => {
    const url = `${BASE}/core/v1/configmaps/shop/settings`;
    const deleted = await api('DELETE', `${url}?propagationPolicy=Foreground`);
    expect(deleted.status, deleted.text).toBe(200);
    const gone = await api('GET', url);
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatchObject({ code: 'NOT_FOUND', message: 'configmaps "settings" not found' });
  });

  it('audits every change with a diff of the object, Secret values masked', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop' },
      stringData: { password: 'hunter2-very-secret' },
    };
    expect((await api('POST', `${BASE}/core/v1/secrets`, { body: secret })).status).toBe(201);
    const patched = await api('PATCH', `${BASE}/core/v1/secrets/shop/db`, {
      rawBody: JSON.stringify({ stringData: { password: 'another-secret-value' } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(patched.status).toBe(200);

    const updates = await auditOf('resources.patch');
    const deploymentPatch = updates.find((e) => e.targetId === 'shop/deployments.apps/shop-web');
    expect(deploymentPatch).toMatchObject({
      targetType: 'cluster-object',
      clusterId: 'dev',
      outcome: 'success',
    });
    expect(JSON.stringify(updates)).toContain('"replicas":4');
    const secretPatch = updates.find((e) => e.targetId === 'shop/secrets/db');
    expect(secretPatch?.diff).toMatchObject({ after: { data: { password: '******' } } });
    const log = JSON.stringify([...updates, ...(await auditOf('resources.create'))]);
    for (const value of [
      'hunter2',
      'another-secret',
      Buffer.from('hunter2-very-secret').toString('base64'),
    ]) {
      expect(log).not.toContain(value);
    }
    expect((await auditOf('resources.delete')).map((e) => e.targetId)).toContain('shop/configmaps/settings');
  });
});
