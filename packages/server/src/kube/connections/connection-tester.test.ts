import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterKubeConfig } from './cluster-kube-config.ts';
import type { ConnectionSpec } from './connection-spec.ts';
import { testConnection } from './connection-tester.ts';
import { startSim, tokenSpec, tokenWithRules, type Cluster } from './testing/sim-clusters.ts';

const timeouts = { connectMs: 2_000, requestMs: 2_000 };
const configs: ClusterKubeConfig[] = [];

function kubeConfig(spec: ConnectionSpec): ClusterKubeConfig {
  const config = new ClusterKubeConfig('candidate', spec, timeouts);
  configs.push(config);
  return config;
}

describe('the connection test run before a cluster is saved', () => {
  let dev: Cluster;
  let other: Cluster;

  beforeAll(async () => {
    [dev, other] = await Promise.all([startSim('dev'), startSim('other')]);
  });
  afterAll(async () => {
    await Promise.all(configs.map((c) => c.destroy()));
    await Promise.all([dev.stop(), other.stop()]);
  });

  it('reaches the API server and checks that namespaces and nodes may be listed', async () => {
    const result = await testConnection(kubeConfig(tokenSpec(dev)));
    expect(result.ok).toBe(true);
    expect(result.version).toMatch(/^v1\.\d+\.\d+/);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['version', true],
      ['list-namespaces', true],
      ['list-nodes', true],
    ]);
  });

  it('says the certificate is not signed by the CA provided when the CA is wrong', async () => {
    const result = await testConnection(kubeConfig({ ...tokenSpec(dev), caData: other.caPem ?? '' }));
    expect(result.ok).toBe(false);
    expect(result.failure?.code).toBe('CLUSTER_TLS_ERROR');
    expect(result.failure?.message).toBe("The API server's certificate is not signed by the CA you provided");
    expect(result.failure?.details).toMatchObject({ reason: 'unknown-ca', server: dev.url });
  });

  it('asks for the CA when none was given and the server is not publicly trusted', async () => {
    const { caData: _none, ...spec } = tokenSpec(dev);
    const result = await testConnection(kubeConfig(spec));
    expect(result.failure?.code).toBe('CLUSTER_TLS_ERROR');
    expect(result.failure?.message).toContain('provide the cluster');
  });

  it('connects without verification only when insecureSkipTLSVerify is set', async () => {
    const { caData: _none, ...spec } = tokenSpec(dev);
    const result = await testConnection(kubeConfig({ ...spec, insecureSkipTLSVerify: true }));
    expect(result.ok).toBe(true);
  });

  it('reports a revoked token as CLUSTER_UNAUTHORIZED', async () => {
    const token = dev.addToken('leaver', ['system:masters']);
    expect((await testConnection(kubeConfig(tokenSpec(dev, token)))).ok).toBe(true);
    dev.revokeToken(token);
    const result = await testConnection(kubeConfig(tokenSpec(dev, token)));
    expect(result.failure?.code).toBe('CLUSTER_UNAUTHORIZED');
    expect(result.failure?.message).toContain('401');
    expect(result.checks).toEqual([
      expect.objectContaining({ name: 'version', ok: false, code: 'CLUSTER_UNAUTHORIZED' }),
    ]);
  });

  it('names the permission a token without RBAC lacks', async () => {
    const token = await tokenWithRules(dev, 'ns-reader', [{ verbs: ['list'], resources: ['namespaces'] }]);
    const result = await testConnection(kubeConfig(tokenSpec(dev, token)));
    expect(result.ok).toBe(false);
    expect(result.failure?.code).toBe('CLUSTER_FORBIDDEN');
    expect(result.failure?.details).toMatchObject({ permission: 'list nodes' });
    expect(result.failure?.message).toContain('list nodes');
    expect(result.checks.find((c) => c.name === 'list-namespaces')?.ok).toBe(true);
    expect(result.checks.find((c) => c.name === 'list-nodes')).toMatchObject({
      ok: false,
      code: 'CLUSTER_FORBIDDEN',
    });
  });

  it('reports a host name that does not resolve as CLUSTER_DNS_ERROR', async () => {
    const result = await testConnection(
      kubeConfig({ ...tokenSpec(dev), server: 'https://no-such-host.invalid' }),
    );
    expect(result.failure?.code).toBe('CLUSTER_DNS_ERROR');
    expect(result.failure?.message).toContain('no-such-host.invalid');
  });

  it('reports a closed port as CLUSTER_CONNECTION_REFUSED', async () => {
    const gone = await startSim('gone');
    await gone.stop();
    const result = await testConnection(kubeConfig(tokenSpec(gone)));
    expect(result.failure?.code).toBe('CLUSTER_CONNECTION_REFUSED');
    expect(result.failure?.message).toContain(gone.url);
  });

  it('gives up on a server slower than the request timeout with CLUSTER_TIMEOUT', async () => {
    other.faults.setLatency(30_000);
    try {
      const result = await testConnection(kubeConfig(tokenSpec(other)));
      expect(result.failure?.code).toBe('CLUSTER_TIMEOUT');
      expect(result.failure?.message).toContain('did not answer within 2 s');
    } finally {
      other.faults.setLatency(0);
    }
  }, 10_000);
});
