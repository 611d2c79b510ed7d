/** Plain-HTTP clusters (benchmarks): kubectl sends no credentials over HTTP and still works. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ https: false });
});
afterAll(() => k.close());

describe('plain HTTP cluster', () => {
  it('serves kubectl like the old insecure port', async () => {
    expect(k.cluster.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(k.cluster.caPem).toBeUndefined();
    const { stdout, code } = await k.run(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(code).toBe(0);
    expect(stdout).toBe('system:unsecured');
  });

  it('still authenticates tokens that clients do send', async () => {
    const token = k.cluster.addToken('bench', ['system:masters']);
    const kc = new k8s.KubeConfig();
    kc.loadFromString(k.cluster.kubeconfigFor('bench', { token }));
    const reviews = kc.makeApiClient(k8s.AuthenticationV1Api);
    const review = await reviews.createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe('bench');
  });
});
