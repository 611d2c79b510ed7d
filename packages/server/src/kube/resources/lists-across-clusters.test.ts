/** One kind listed in every cluster at once: pages and errors side by side, the same access check. */
import type { Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login } from '../../testing/http.ts';
import { WORKSPACE_LABEL } from '../access/workspace-namespaces.ts';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';

const ACROSS = '/api/v1/resources/core/v1/configmaps';

interface ClusterEntry {
  cluster: string;
  items?: { metadata: { name: string; namespace: string } }[];
  total?: number;
  continue?: string;
  error?: { code: string; message: string };
}

let env: DataPlaneTestApp;
let viewerToken: string;

const get = (url: string, token = env.adminToken) => call(env.t.app, 'GET', url, { token });
const entries = (response: { json: { clusters: ClusterEntry[] } }) => response.json.clusters;
const namesOf = (entry: ClusterEntry | undefined) =>
  entry?.items?.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();

async function seed(cluster: Cluster, namespace: string, workspace: string | null, names: string[]) {
  const labels: Record<string, string> = workspace ? { [WORKSPACE_LABEL]: workspace } : {};
  await cluster.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } });
  for (const name of names) {
    await cluster.client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, labels: { app: name.startsWith('checkout') ? 'checkout' : 'other' } },
    });
  }
}

beforeAll(async () => {
  env = await startDataPlaneApp([{ name: 'east' }, { name: 'west' }]);
  await seed(env.clusters['east']!, 'shop', 'ws-shop', ['checkout-a', 'checkout-b', 'search']);
  await seed(env.clusters['west']!, 'shop-west', null, ['checkout-c', 'mail']);
  const id = await createUser(env.t.app, env.adminToken, 'wendy');
  await grantRole(env.t.app, env.adminToken, id, 'workspace-viewer', {
    scopeType: 'workspace',
    scopeId: 'ws-shop',
  });
  viewerToken = (await login(env.t.app, 'wendy', 'user-Passw0rd')).accessToken;
}, 60_000);
afterAll(() => env.close());

describe('listing a kind across clusters', () => {
  it('answers each cluster’s filtered page side by side, in one request', async () => {
    const response = await get(`${ACROSS}?labelSelector=app%3Dcheckout`);
    expect(response.status, response.text).toBe(200);
    const [east, west] = entries(response);
    expect(entries(response).map((e) => e.cluster)).toEqual(['east', 'west']);
    expect(namesOf(east)).toEqual(['shop/checkout-a', 'shop/checkout-b']);
    expect(namesOf(west)).toEqual(['shop-west/checkout-c']);
    expect(east?.total).toBe(2);

    const named = await get(`${ACROSS}?labelSelector=app%3Dcheckout&clusters=west,west`);
    expect(entries(named).map((e) => e.cluster)).toEqual(['west']);
  });

  it('pages per cluster, and the continue token goes on at the cluster’s own list', async () => {
    const first = await get(`${ACROSS}?clusters=east&namespace=shop&labelSelector=app&limit=2`);
    const east = entries(first)[0]!;
    expect(namesOf(east)).toEqual(['shop/checkout-a', 'shop/checkout-b']);
    expect(east.total).toBe(3);
    const next = await get(
      `/api/v1/clusters/east/resources/core/v1/configmaps?namespace=shop&labelSelector=app&limit=2&continue=${east.continue}`,
    );
    expect(next.status, next.text).toBe(200);
    expect(next.json.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['search']);
  });

  it('names a bad cluster list, and reports an unknown cluster beside the others', async () => {
    const bad = await get(`${ACROSS}?clusters=East_1`);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'clusters' } });
    expect(bad.json.error.message).toContain('comma-separated list of cluster names');
    const unknown = await get(`${ACROSS}?clusters=east,nowhere&labelSelector=app%3Dcheckout`);
    expect(unknown.status).toBe(200);
    expect(entries(unknown)[1]).toMatchObject({ cluster: 'nowhere', error: { code: 'CLUSTER_NOT_FOUND' } });
    expect(namesOf(entries(unknown)[0])).toEqual(['shop/checkout-a', 'shop/checkout-b']);
  });

  it('reports an unreachable cluster beside the pages of the others', async () => {
    const west = env.clusters['west']!;
    await west.faults.setUnreachable(true);
    try {
      // Services: a kind neither cache holds yet, so west has to be asked and cannot answer.
      const response = await get('/api/v1/resources/core/v1/services');
      expect(response.status, response.text).toBe(200);
      const [eastEntry, westEntry] = entries(response);
      expect(eastEntry?.error).toBeUndefined();
      expect(eastEntry?.items).toEqual(expect.any(Array));
      expect(westEntry?.error?.code).toMatch(/^CLUSTER_/);
    } finally {
      await west.faults.setUnreachable(false);
    }
  });

  it('shows a narrower caller only its namespaces, leaves out clusters it holds nothing in, and audits a refusal it asked for', async () => {
    const mine = await get(`${ACROSS}?labelSelector=app`, viewerToken);
    expect(mine.status, mine.text).toBe(200);
    expect(entries(mine).map((e) => e.cluster)).toEqual(['east']);
    expect(namesOf(entries(mine)[0])).toEqual(['shop/checkout-a', 'shop/checkout-b', 'shop/search']);

    const asked = await get(`${ACROSS}?clusters=west`, viewerToken);
    expect(entries(asked)).toEqual([
      { cluster: 'west', error: expect.objectContaining({ code: 'FORBIDDEN' }) },
    ]);
    await env.t.app.atrium.auditQueue.drain();
    const audit = await get('/api/v1/audit?action=resources.view&limit=100');
    expect(audit.json.items).toContainEqual(
      expect.objectContaining({
        actorName: 'wendy',
        clusterId: 'west',
        targetId: 'configmaps/*',
        outcome: 'failure',
        statusCode: 403,
      }),
    );
  });
});
