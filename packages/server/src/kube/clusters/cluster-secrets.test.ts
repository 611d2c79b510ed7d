import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, loginAsAdmin } from '../../testing/http.ts';
import { findSecrets, type KnownSecret } from '../../testing/secret-scan.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { startSim, type Cluster } from '../connections/testing/sim-clusters.ts';
import { QUICK_KUBE, tokenCredential } from './testing/cluster-app.ts';

/** The base64 body of a PEM key, without its armour and line breaks, and each of its lines. */
function keyForms(label: string, pem: string): KnownSecret[] {
  const lines = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
  return [
    { label, value: lines.join('') },
    ...lines.filter((l) => l.length >= 40).map((value) => ({ label: `${label} (line)`, value })),
  ];
}

describe('cluster credentials stay secret', () => {
  let t: TestApp;
  let sim: Cluster;
  let admin: string;
  const known: KnownSecret[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    sim = await startSim('secretive');
    t = await createTestApp({ kube: QUICK_KUBE });
    admin = (await loginAsAdmin(t.app)).accessToken;
    const token = sim.addToken('token-user', ['system:masters']);
    const rotatedToken = sim.addToken('rotated-user', ['system:masters']);
    const { certPem, keyPem } = await sim.mintClientCertificate('cert-user', ['system:masters']);
    known.push(
      { label: 'cluster token', value: token },
      { label: 'rotated cluster token', value: rotatedToken },
      { label: 'kube-sim admin token', value: sim.adminToken },
      ...keyForms('client key', keyPem),
    );
    const send = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
      const response = await call(t.app, method, url, { token: admin, body });
      responses.push(response.text);
      return response;
    };
    expect(
      (await send('POST', '/api/v1/clusters', { name: 'by-token', credential: tokenCredential(sim, token) }))
        .status,
    ).toBe(201);
    const certificate = {
      type: 'certificate',
      server: sim.url,
      certData: certPem,
      keyData: keyPem,
      caData: sim.caPem,
    };
    expect(
      (await send('POST', '/api/v1/clusters', { name: 'by-cert', credential: certificate })).status,
    ).toBe(201);
    const kubeconfig = { type: 'kubeconfig', kubeconfig: sim.kubeconfig };
    expect(
      (await send('POST', '/api/v1/clusters', { name: 'by-kubeconfig', credential: kubeconfig })).status,
    ).toBe(201);
    await send('PUT', '/api/v1/clusters/by-token/credential', {
      credential: tokenCredential(sim, rotatedToken),
    });
    await send('POST', '/api/v1/clusters/test-connection', { credential: certificate });
    // Failures carry the credential in the request too; their answers and logs must not.
    await send('POST', '/api/v1/clusters', {
      name: 'fails',
      credential: { ...certificate, caData: undefined },
    });
    await send('POST', '/api/v1/clusters', {
      name: 'bad',
      credential: { ...tokenCredential(sim, token), caData: 'x' },
    });
    for (const url of [
      '/api/v1/clusters',
      '/api/v1/clusters/by-cert',
      '/api/v1/audit?limit=500',
      '/api/v1/audit?format=csv',
    ]) {
      responses.push((await call(t.app, 'GET', url, { token: admin })).text);
    }
  });
  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('are not in the database file in clear', async () => {
    const files = (await readdir(t.dataDir)).filter((f) => f.startsWith('atrium.db'));
    expect(files).toContain('atrium.db');
    const bytes = (await Promise.all(files.map((f) => readFile(path.join(t.dataDir, f))))).map((b) =>
      b.toString('latin1'),
    );
    for (const secret of known)
      expect(
        bytes.some((b) => b.includes(secret.value)),
        secret.label,
      ).toBe(false);
    const sealed = await t.app.atrium.db.selectFrom('clusters').select('credential').execute();
    expect(sealed).toHaveLength(3);
    for (const row of sealed) expect(row.credential).toMatch(/^v1\./);
  });

  it('are not in any answer', () => {
    expect(responses.length).toBeGreaterThan(8);
    for (const text of responses) expect(findSecrets(text, known)).toEqual([]);
  });

  it('are not in the logs', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    expect(findSecrets(t.logs.join('\n'), known)).toEqual([]);
  });
});
