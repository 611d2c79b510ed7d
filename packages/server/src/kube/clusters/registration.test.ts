import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../testing/rows.ts';
import { call, loginAsAdmin } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { startSim, tokenWithRules, type Cluster } from '../connections/testing/sim-clusters.ts';
import { QUICK_KUBE, tokenCredential } from './testing/cluster-app.ts';

describe('registering a cluster', () => {
  let t: TestApp;
  let admin: string;
  let prod: Cluster;
  let staging: Cluster;
  let podDir: string;
  const podEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    [prod, staging] = await Promise.all([startSim('prod', { nodes: 2 }), startSim('staging')]);
    podDir = await mkdtemp(path.join(tmpdir(), 'atrium-pod-'));
    t = await createTestApp({
      kube: { ...QUICK_KUBE, inCluster: { serviceAccountDir: podDir, env: podEnv } },
    });
    admin = (await loginAsAdmin(t.app)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([prod.stop(), staging.stop()]);
    await rm(podDir, { recursive: true, force: true });
  });

  const post = (body: unknown) => call(t.app, 'POST', '/api/v1/clusters', { token: admin, body });
  const remove = (name: string) =>
    call(t.app, 'DELETE', `/api/v1/clusters/${name}?confirm=${name}`, { token: admin });

  it('registers a cluster with a token and CA, and never shows the token again', async () => {
    const created = await post({
      name: 'prod-eu',
      displayName: 'Production EU',
      environment: 'prod',
      region: 'eu-west-1',
      credential: tokenCredential(prod),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'prod-eu',
      displayName: 'Production EU',
      environment: 'prod',
      region: 'eu-west-1',
      credential: { type: 'token', server: prod.url, insecureSkipTLSVerify: false },
      warnings: [],
      status: { phase: 'Ready', lastReadyTime: '2025-01-01T00:00:00.000Z' },
    });
    expect(Object.keys(created.json.credential).sort()).toEqual(['insecureSkipTLSVerify', 'server', 'type']);
    expect(created.json.status.version).toMatch(/^v1\./);
    const fetched = await call(t.app, 'GET', '/api/v1/clusters/prod-eu', { token: admin });
    expect(fetched.json.credential).toEqual(created.json.credential);
    for (const response of [created, fetched]) expect(response.text).not.toContain(prod.adminToken);

    const audit = await call(t.app, 'GET', '/api/v1/audit?action=clusters.create&clusterId=prod-eu', {
      token: admin,
    });
    expect(audit.json.items).toEqual([
      expect.objectContaining({
        targetType: 'cluster',
        targetId: 'prod-eu',
        outcome: 'success',
        statusCode: 201,
      }),
    ]);
    expect(audit.json.items[0].diff.after).toMatchObject({
      name: 'prod-eu',
      connection: { type: 'token', server: prod.url },
    });
    expect(audit.text).not.toContain(prod.adminToken);
  });

  it('registers from a kubeconfig with the chosen context', async () => {
    const bob = staging.addToken('bob', ['system:masters']);
    const kubeconfig = [prod.kubeconfig, staging.kubeconfigFor('bob', { token: bob })];
    // Two files' worth of contexts in one: prod (current) and staging.
    const merged = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster: {server: "${prod.url}", certificate-authority-data: ${Buffer.from(prod.caPem ?? '').toString('base64')}}
- name: staging
  cluster: {server: "${staging.url}", certificate-authority-data: ${Buffer.from(staging.caPem ?? '').toString('base64')}}
users:
- {name: prod-admin, user: {token: ${prod.adminToken}}}
- {name: bob, user: {token: ${bob}}}
contexts:
- {name: prod, context: {cluster: prod, user: prod-admin}}
- {name: staging, context: {cluster: staging, user: bob}}
`;
    expect(kubeconfig[1]).toContain('bob');
    const created = await post({
      name: 'staging-kc',
      credential: { type: 'kubeconfig', kubeconfig: merged, context: 'staging' },
    });
    expect(created.status).toBe(201);
    expect(created.json.credential).toEqual({
      type: 'kubeconfig',
      server: staging.url,
      insecureSkipTLSVerify: false,
    });
    expect(created.json.displayName).toBe('staging-kc');
    expect(t.app.atrium.kube.connections.get('staging-kc').kubeConfig.getCurrentCluster()?.server).toBe(
      staging.url,
    );
    expect((await remove('staging-kc')).status).toBe(204);
  });

  it('registers with a client certificate, key and CA', async () => {
    const { certPem, keyPem } = await staging.mintClientCertificate('ops-user', ['system:masters']);
    const created = await post({
      name: 'staging-cert',
      credential: {
        type: 'certificate',
        server: staging.url,
        certData: certPem,
        keyData: keyPem,
        caData: staging.caPem,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.credential.type).toBe('certificate');
    expect(created.text).not.toContain('PRIVATE KEY');
    expect((await remove('staging-cert')).status).toBe(204);
  });

  it('connects without TLS verification only when asked to, and then warns', async () => {
    const { caData: _ca, ...withoutCa } = tokenCredential(staging);
    const refused = await post({ name: 'staging-insecure', credential: withoutCa });
    expect([refused.status, refused.json.error.code]).toEqual([502, 'CLUSTER_TLS_ERROR']);
    const created = await post({
      name: 'staging-insecure',
      credential: { ...withoutCa, insecureSkipTLSVerify: true },
    });
    expect(created.status).toBe(201);
    expect(created.json.credential.insecureSkipTLSVerify).toBe(true);
    expect(created.json.warnings).toEqual([
      expect.objectContaining({
        code: 'INSECURE_SKIP_TLS_VERIFY',
        message: expect.stringContaining('TLS verification is off'),
      }),
    ]);
    expect((await remove('staging-insecure')).status).toBe(204);
  });

  it('registers the service account Atrium runs with, or says it is not running in a cluster', async () => {
    const notInCluster = await post({ name: 'self', credential: { type: 'in-cluster' } });
    expect(notInCluster.status).toBe(400);
    expect(notInCluster.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'credential.type', reason: 'NOT_IN_CLUSTER' },
    });
    expect(notInCluster.json.error.message).toContain('KUBERNETES_SERVICE_HOST');

    await writeFile(
      path.join(podDir, 'token'),
      staging.addToken('system:serviceaccount:atrium:atrium', ['system:masters']),
    );
    await writeFile(path.join(podDir, 'ca.crt'), staging.caPem ?? '');
    Object.assign(podEnv, {
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: new URL(staging.url).port,
    });
    const created = await post({ name: 'self', credential: { type: 'in-cluster' } });
    expect(created.status).toBe(201);
    expect(created.json.credential).toEqual({
      type: 'in-cluster',
      server: staging.url,
      insecureSkipTLSVerify: false,
    });
    expect((await remove('self')).status).toBe(204);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'Bad_Name', credential: tokenCredential(staging) }, 'name'],
      [{ name: 'x'.repeat(64), credential: tokenCredential(staging) }, 'name'],
      [{ name: 'no-credential' }, 'credential'],
      [{ name: 'no-token', credential: { type: 'token', server: staging.url } }, 'credential.token'],
      [{ name: 'no-server', credential: { type: 'token', token: 'abc' } }, 'credential.server'],
      [
        { name: 'http', credential: { ...tokenCredential(staging), server: 'http://127.0.0.1:1' } },
        'credential.server',
      ],
      [
        { name: 'bad-ca', credential: { ...tokenCredential(staging), caData: 'not a pem' } },
        'credential.caData',
      ],
      [
        { name: 'no-key', credential: { type: 'certificate', server: staging.url, certData: staging.caPem } },
        'credential.keyData',
      ],
      [
        { name: 'bad-kc', credential: { type: 'kubeconfig', kubeconfig: 'clusters: [' } },
        'credential.kubeconfig',
      ],
      [
        { name: 'ctx', credential: { type: 'kubeconfig', kubeconfig: staging.kubeconfig, context: 'nope' } },
        'credential.context',
      ],
      [{ name: 'env', environment: 'e'.repeat(33), credential: tokenCredential(staging) }, 'environment'],
      [{ name: 'kind', credential: { type: 'agent' } }, 'credential.type'],
    ];
    const before = await countRows(t.app.atrium.db, 'clusters');
    const created = async () =>
      (await call(t.app, 'GET', '/api/v1/audit?action=clusters.create&outcome=success', { token: admin }))
        .json.total;
    const createdBefore = await created();
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.details.field, response.text).toBe(field);
      expect(response.json.error.message, response.text).toContain(field);
    }
    expect(await countRows(t.app.atrium.db, 'clusters')).toBe(before);
    expect(await created()).toBe(createdBefore);
  });

  it('refuses a name that is taken with 409, before testing anything', async () => {
    const duplicate = await post({
      name: 'prod-eu',
      credential: { type: 'token', server: 'https://no-such-host.invalid', token: 't' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'name' } });
  });

  it('answers 502 with what failed when the cluster cannot be used, and saves nothing', async () => {
    const wrongCa = await post({
      name: 'wrong-ca',
      credential: { ...tokenCredential(staging), caData: prod.caPem },
    });
    expect(wrongCa.status).toBe(502);
    expect(wrongCa.json.error.code).toBe('CLUSTER_TLS_ERROR');
    expect(wrongCa.json.error.message).toBe(
      "The API server's certificate is not signed by the CA you provided",
    );

    const powerless = await tokenWithRules(staging, 'powerless', [
      { verbs: ['list'], resources: ['namespaces'] },
    ]);
    const forbidden = await post({ name: 'forbidden', credential: tokenCredential(staging, powerless) });
    expect(forbidden.status).toBe(502);
    expect(forbidden.json.error).toMatchObject({
      code: 'CLUSTER_FORBIDDEN',
      details: { permission: 'list nodes' },
    });
    expect(forbidden.json.error.details.checks).toContainEqual(
      expect.objectContaining({ name: 'list-nodes', ok: false }),
    );

    const dns = await post({
      name: 'dns',
      credential: { ...tokenCredential(staging), server: 'https://no-such-host.invalid' },
    });
    expect([dns.status, dns.json.error.code]).toEqual([502, 'CLUSTER_DNS_ERROR']);
    expect(await t.app.atrium.kube.clusters.exists('wrong-ca')).toBe(false);
  });

  it('tests a credential without saving it', async () => {
    const good = await call(t.app, 'POST', '/api/v1/clusters/test-connection', {
      token: admin,
      body: { credential: tokenCredential(staging) },
    });
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ ok: true, version: expect.stringMatching(/^v1\./) });
    expect(good.json.checks).toHaveLength(3);
    const revoked = staging.addToken('gone', ['system:masters']);
    staging.revokeToken(revoked);
    const bad = await call(t.app, 'POST', '/api/v1/clusters/test-connection', {
      token: admin,
      body: { credential: tokenCredential(staging, revoked) },
    });
    expect(bad.json).toEqual({
      ok: false,
      version: null,
      checks: [
        { name: 'version', ok: false, code: 'CLUSTER_UNAUTHORIZED', message: expect.stringContaining('401') },
      ],
    });
    expect(await t.app.atrium.kube.clusters.exists('connection-test')).toBe(false);
  });
});
