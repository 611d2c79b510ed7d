import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSecretKey } from './core/config/secret-key.ts';
import { startSim, type Cluster } from './kube/connections/testing/sim-clusters.ts';
import { call, createUser, login, loginAsAdmin, type SignedIn } from './testing/http.ts';
import { findSecrets, type KnownSecret } from './testing/secret-scan.ts';
import { storedSecrets } from './testing/stored-secrets.ts';
import { createTestApp, routeCollector, type TestApp } from './testing/test-app.ts';

describe('secrets never leave the server', () => {
  let t: TestApp;
  let admin: SignedIn;
  const collector = routeCollector();
  const issued: KnownSecret[] = [];
  const ids: Record<string, string> = {};
  /** Concrete URLs for routes with several parameters. */
  const samples: Record<string, string> = {};
  let sim: Cluster;

  beforeAll(async () => {
    t = await createTestApp({ onRoute: collector.onRoute });
    admin = await loginAsAdmin(t.app);
    // Exercise everything that stores or handles a secret, so the audit log and lists have them in reach.
    const userId = await createUser(t.app, admin.accessToken, 'secretive');
    const user = await login(t.app, 'secretive', 'user-Passw0rd');
    await call(t.app, 'POST', '/api/v1/me/password', {
      token: user.accessToken,
      body: { currentPassword: 'user-Passw0rd', newPassword: 'second-Passw0rd1' },
    });
    await call(t.app, 'POST', `/api/v1/users/${userId}/reset-password`, {
      token: admin.accessToken,
      body: { password: 'third-Passw0rd1' },
    });
    const refreshed = await call(t.app, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: admin.refreshToken },
    });
    admin = { ...admin, accessToken: refreshed.json.accessToken, refreshToken: refreshed.json.refreshToken };
    const token = await call(t.app, 'POST', '/api/v1/me/tokens', {
      token: admin.accessToken,
      body: { name: 'scan' },
    });
    issued.push(
      { label: 'issued refresh token', value: admin.refreshToken },
      { label: 'issued refresh token', value: user.refreshToken },
      { label: 'issued API token', value: token.json.token },
    );
    const role = await call(t.app, 'GET', '/api/v1/roles', { token: admin.accessToken });
    ids['/api/v1/users/:id'] = userId;
    ids['/api/v1/roles/:id'] = role.json.items[0].id;

    // A registered cluster (its token is a secret too) with a drained node.
    sim = await startSim('scan', { nodes: 2 });
    const clusterToken = sim.addToken('scanner', ['system:masters']);
    issued.push(
      { label: 'cluster token', value: clusterToken },
      { label: 'kube-sim admin token', value: sim.adminToken },
    );
    const cluster = await call(t.app, 'POST', '/api/v1/clusters', {
      token: admin.accessToken,
      body: {
        name: 'scan',
        credential: { type: 'token', server: sim.url, token: clusterToken, caData: sim.caPem },
      },
    });
    expect(cluster.status).toBe(201);
    await call(t.app, 'POST', '/api/v1/clusters/scan/nodes/scan-worker/drain', { token: admin.accessToken });
    samples['/api/v1/clusters/:cluster/nodes/:node'] = '/api/v1/clusters/scan/nodes/scan-worker';
    samples['/api/v1/clusters/:cluster/nodes/:node/drain'] = '/api/v1/clusters/scan/nodes/scan-worker/drain';
    // The data plane: lists and objects (Secrets included), and the native API through the proxy.
    samples['/api/v1/clusters/:cluster/resources/:group/:version/:resource'] =
      '/api/v1/clusters/scan/resources/core/v1/secrets';
    samples['/api/v1/resources/:group/:version/:resource'] = '/api/v1/resources/core/v1/secrets';
    samples['/api/v1/clusters/:cluster/resources/:group/:version/:resource/:namespace/:name'] =
      '/api/v1/clusters/scan/resources/core/v1/namespaces/_/default';
    samples['/api/v1/clusters/:cluster/schemas/:group/:version/:kind'] =
      '/api/v1/clusters/scan/schemas/core/v1/Secret';
    samples['/k8s/clusters/:cluster/*'] = '/k8s/clusters/scan/api/v1/namespaces/default/configmaps';
  });
  afterAll(async () => {
    await t.close();
    await sim?.stop();
  });

  function concreteUrl(url: string): string {
    if (!url.includes(':') && !url.includes('*')) return url;
    const sample = samples[url];
    if (sample) return sample;
    // Routes inside a cluster act on the registered `scan` cluster.
    const inCluster = url.replace(':cluster', 'scan');
    if (!inCluster.includes(':') && !inCluster.includes('*')) return inCluster;
    const id = ids[url];
    if (id === undefined) throw new Error(`no sample parameters for GET ${url}: add them to this test`);
    return url.replace(/:[A-Za-z]+/, id);
  }

  it('in any body of any GET route, called as admin', async () => {
    const secretKey = decodeSecretKey(await readFile(path.join(t.dataDir, 'secret.key'), 'utf8'))!;
    const known = [...(await storedSecrets(t.app, secretKey)), ...issued];
    expect(known.some((s) => s.label.startsWith('setting auth.jwt-signing-key'))).toBe(true);

    // Static files and docs assets are served from disk, not from the database.
    const getRoutes = collector.routes
      .filter((r) => (Array.isArray(r.method) ? r.method : [r.method]).includes('GET'))
      .filter((r) => r.url !== '/*' && !r.url.startsWith('/api/docs/static'))
      // WebSocket routes answer plain GETs with 404; the stream's own tests read what it sends.
      .filter((r) => !(r as { websocket?: boolean }).websocket);
    expect(getRoutes.length).toBeGreaterThanOrEqual(10);

    const urls = getRoutes.map((r) => concreteUrl(r.url));
    urls.push('/api/v1/audit?format=csv', '/api/v1/audit?limit=500');
    for (const url of urls) {
      const response = await call(t.app, 'GET', url, { token: admin.accessToken });
      expect(response.status, url).toBeLessThan(400);
      expect(findSecrets(response.text, known), url).toEqual([]);
    }
  });

  it('in the logs', async () => {
    const known = [...(await storedSecrets(t.app)), ...issued];
    const logs = t.logs.join('\n');
    expect(findSecrets(logs, known)).toEqual([]);
    expect(logs).not.toContain('Passw0rd');
  });
});
