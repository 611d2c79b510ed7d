import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors/app-error.ts';
import { startSim, type Cluster } from '../connections/testing/sim-clusters.ts';
import { parseKubeconfigCredential } from './kubeconfig-credential.ts';

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Two contexts, as a user's ~/.kube/config has them. */
function twoContexts(a: Cluster, b: Cluster, tokenB: string): string {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: a
  cluster: {server: "${a.url}", certificate-authority-data: ${b64(a.caPem ?? '')}}
- name: b
  cluster: {server: "${b.url}", certificate-authority-data: ${b64(b.caPem ?? '')}}
users:
- name: admin-a
  user: {token: ${a.adminToken}}
- name: bob
  user: {token: ${tokenB}}
contexts:
- name: a
  context: {cluster: a, user: admin-a}
- name: b
  context: {cluster: b, user: bob}
`;
}

describe('an uploaded kubeconfig', () => {
  let a: Cluster;
  let b: Cluster;
  beforeAll(async () => {
    [a, b] = await Promise.all([startSim('kc-a'), startSim('kc-b')]);
  });
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it("keeps only the chosen context's cluster and user", () => {
    const tokenB = b.addToken('bob', ['system:masters']);
    const parsed = parseKubeconfigCredential(twoContexts(a, b, tokenB), 'b', false);
    expect(parsed.context).toBe('b');
    expect(parsed.spec).toEqual({
      server: b.url,
      caData: `${b.caPem?.trim()}\n`,
      token: tokenB,
      insecureSkipTLSVerify: false,
    });
    expect(JSON.stringify(parsed)).not.toContain(a.adminToken);
  });

  it('uses current-context when none is chosen', () => {
    const parsed = parseKubeconfigCredential(twoContexts(a, b, 'x'.repeat(20)), undefined, false);
    expect([parsed.context, parsed.spec.server]).toEqual(['a', a.url]);
  });

  it('names credential.context when the chosen context does not exist', () => {
    const error = failure(() => parseKubeconfigCredential(twoContexts(a, b, 'tok'), 'prod', false));
    expect(error.details['field']).toBe('credential.context');
    expect(error.message).toBe('credential.context "prod" is not in the kubeconfig (it has: a, b)');
  });

  it('names credential.kubeconfig when it is not a kubeconfig', () => {
    for (const text of ['clusters: [unclosed', '- just\n- a list', 'contexts: []']) {
      const error = failure(() => parseKubeconfigCredential(text, undefined, false));
      expect([error.statusCode, error.details['field']]).toEqual([400, 'credential.kubeconfig']);
    }
  });

  it('refuses exec and auth-provider plugins: Atrium runs no program from an upload', () => {
    const withExec = twoContexts(a, b, 'tok').replace(
      `user: {token: ${a.adminToken}}`,
      'user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token]}}',
    );
    const error = failure(() => parseKubeconfigCredential(withExec, 'a', false));
    expect(error.message).toContain('exec plugin; Atrium does not run programs from uploaded kubeconfigs');
    const withProvider = withExec.replace(/user: \{exec: .*\}\}/, 'user: {auth-provider: {name: gcp}}');
    expect(failure(() => parseKubeconfigCredential(withProvider, 'a', false)).message).toContain(
      'auth-provider',
    );
  });

  it('refuses references to files on the server', () => {
    const withFile = twoContexts(a, b, 'tok').replace(
      `user: {token: ${a.adminToken}}`,
      'user: {tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token}',
    );
    expect(failure(() => parseKubeconfigCredential(withFile, 'a', false)).message).toContain(
      'refers to a file',
    );
  });

  it('turns TLS verification off only when that is accepted explicitly', () => {
    const insecure = twoContexts(a, b, 'tok').replace(
      /certificate-authority-data: [^}]+\}/,
      'insecure-skip-tls-verify: true}',
    );
    const error = failure(() => parseKubeconfigCredential(insecure, 'a', false));
    expect(error.details['field']).toBe('credential.insecureSkipTLSVerify');
    expect(parseKubeconfigCredential(insecure, 'a', true).spec.insecureSkipTLSVerify).toBe(true);
  });
});
