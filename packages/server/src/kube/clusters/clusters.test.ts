import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login, loginAsAdmin } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually, startSim, type Cluster } from '../connections/testing/sim-clusters.ts';
import { QUICK_KUBE, registerCluster, tokenCredential } from './testing/cluster-app.ts';

describe('registered clusters', () => {
  let t: TestApp;
  let admin: string;
  let prod: Cluster;
  let staging: Cluster;

  beforeAll(async () => {
    [prod, staging] = await Promise.all([startSim('prod', { nodes: 2 }), startSim('staging')]);
    t = await createTestApp({ kube: QUICK_KUBE });
    admin = (await loginAsAdmin(t.app)).accessToken;
    await registerCluster(t.app, admin, 'prod-eu', prod);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([prod.stop(), staging.stop()]);
  });

  it('lists clusters with node counts and resources; a failing cluster shows its error, the others answer', async () => {
    await registerCluster(t.app, admin, 'staging', staging);
    const list = await call(t.app, 'GET', '/api/v1/clusters', { token: admin });
    expect(list.json.items.map((c: { name: string }) => c.name)).toEqual(['prod-eu', 'staging']);
    expect(list.json.items[0]).toMatchObject({
      nodeCount: 2,
      allocatable: { cpu: 16, memory: 2 * 32 * 2 ** 30 },
      requested: { cpu: expect.any(Number), memory: expect.any(Number) },
      summaryError: null,
    });

    staging.faults.setLatency(30_000);
    try {
      const slow = await call(t.app, 'GET', '/api/v1/clusters', { token: admin });
      expect(slow.status).toBe(200);
      const [prodItem, stagingItem] = slow.json.items;
      expect(prodItem.nodeCount).toBe(2);
      expect(stagingItem).toMatchObject({ nodeCount: null, summaryError: { code: 'CLUSTER_TIMEOUT' } });
    } finally {
      staging.faults.setLatency(0);
    }
  }, 20_000);

  it('shows an unreachable cluster from memory, without calling it', async () => {
    await staging.faults.setUnreachable(true);
    try {
      const down = await eventually(
        async () => {
          const list = await call(t.app, 'GET', '/api/v1/clusters', { token: admin });
          const item = list.json.items.find((c: { name: string }) => c.name === 'staging');
          return item.status.phase === 'Unreachable' && item;
        },
        15_000,
        'staging Unreachable',
      );
      expect(down.summaryError).toEqual({ code: 'CLUSTER_UNREACHABLE', message: down.status.message });
      expect(down.status.message).toMatch(/refused the connection|closed the connection/);
    } finally {
      await staging.faults.setUnreachable(false);
    }
    await eventually(
      async () =>
        (await call(t.app, 'GET', '/api/v1/clusters/staging', { token: admin })).json.status.phase ===
        'Ready',
      15_000,
      'Ready again',
    );
  }, 40_000);

  it('edits the metadata, with a before/after audit diff', async () => {
    const edited = await call(t.app, 'PATCH', '/api/v1/clusters/staging', {
      token: admin,
      body: { displayName: 'Staging', environment: 'staging', region: 'cn-north-1', description: '预发布' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      displayName: 'Staging',
      environment: 'staging',
      region: 'cn-north-1',
      description: '预发布',
    });
    const audit = await call(t.app, 'GET', '/api/v1/audit?action=clusters.update', { token: admin });
    expect(audit.json.items[0]).toMatchObject({
      clusterId: 'staging',
      diff: {
        before: { displayName: 'staging', region: '' },
        after: { displayName: 'Staging', region: 'cn-north-1' },
      },
    });
  });

  it('rotates the credential without re-registering; connection holders see a new generation', async () => {
    const events: string[] = [];
    const stop = t.app.atrium.kube.connections.onChange((e) => events.push(e.type));
    const fresh = staging.addToken('fresh', ['system:masters']);
    const rotated = await call(t.app, 'PUT', '/api/v1/clusters/staging/credential', {
      token: admin,
      body: { credential: tokenCredential(staging, fresh) },
    });
    stop();
    expect(rotated.status).toBe(200);
    expect(events).toEqual(['updated']);
    expect(t.app.atrium.kube.connections.get('staging').generation).toBe(2);
    // The old token no longer matters: revoking it leaves the cluster working.
    staging.revokeToken(staging.adminToken);
    const health = await t.app.atrium.kube.health.probe('staging');
    expect(health.phase).toBe('Ready');
    const audit = await call(t.app, 'GET', '/api/v1/audit?action=clusters.rotate-credential', {
      token: admin,
    });
    expect(audit.json.items[0].diff).toEqual({
      before: { connection: expect.objectContaining({ revision: 1 }) },
      after: { connection: expect.objectContaining({ revision: 2 }) },
    });
    expect(audit.text).not.toContain(fresh);

    const failing = await call(t.app, 'PUT', '/api/v1/clusters/staging/credential', {
      token: admin,
      body: { credential: tokenCredential(staging, staging.adminToken) },
    });
    expect([failing.status, failing.json.error.code]).toEqual([502, 'CLUSTER_UNAUTHORIZED']);
    expect(t.app.atrium.kube.connections.get('staging').generation).toBe(2);
    expect((await t.app.atrium.kube.health.probe('staging')).phase).toBe('Ready');
  });

  it("removes a cluster only when its name is typed, and leaves the cluster's objects alone", async () => {
    await staging.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'keep-me' } });
    const missing = await call(t.app, 'DELETE', '/api/v1/clusters/staging', { token: admin });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.field).toBe('confirmName');
    const wrong = await call(t.app, 'DELETE', '/api/v1/clusters/staging', {
      token: admin,
      body: { confirmName: 'prod-eu' },
    });
    expect([wrong.status, wrong.json.error.details.field]).toEqual([400, 'confirmName']);
    expect(wrong.json.error.message).toContain('does not match');

    const removed = await call(t.app, 'DELETE', '/api/v1/clusters/staging', {
      token: admin,
      body: { confirmName: 'staging' },
    });
    expect(removed.status).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/clusters/staging', { token: admin })).json.error.code).toBe(
      'CLUSTER_NOT_FOUND',
    );
    expect(() => t.app.atrium.kube.connections.get('staging')).toThrow('not registered');
    expect(
      await staging.client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: 'keep-me' }),
    ).toBeDefined();
    expect((await staging.client.list({ apiVersion: 'v1', kind: 'Node' })).items).toHaveLength(1);
  });

  it('needs the clusters permissions: a platform viewer looks, but changes nothing', async () => {
    const userId = await createUser(t.app, admin, 'viewer');
    await grantRole(t.app, admin, userId, 'platform-viewer');
    const viewer = (await login(t.app, 'viewer', 'user-Passw0rd')).accessToken;
    expect((await call(t.app, 'GET', '/api/v1/clusters', { token: viewer })).status).toBe(200);
    const denied = await call(t.app, 'POST', '/api/v1/clusters', {
      token: viewer,
      body: { name: 'sneaky', credential: tokenCredential(prod) },
    });
    expect([denied.status, denied.json.error.details.permission]).toEqual([403, 'clusters:create']);
    const deleteDenied = await call(t.app, 'DELETE', '/api/v1/clusters/prod-eu?confirm=prod-eu', {
      token: viewer,
    });
    expect(deleteDenied.status).toBe(403);
  });
});
