import { describe, expect, it } from 'vitest';
import { emptyCredentialForm, missingCredentialFields, toCredentialInput } from './credentialInput';
import { readKubeconfigContexts } from './kubeconfigContexts';

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: dev-cluster
  cluster: { server: https://10.0.0.1:6443 }
- name: prod-cluster
  cluster: { server: https://10.0.0.2:6443 }
contexts:
- name: dev
  context: { cluster: dev-cluster, user: admin, namespace: shop }
- name: prod
  context: { cluster: prod-cluster, user: admin }
users:
- name: admin
  user: { token: abc }
`;

describe('kubeconfig contexts, read in the browser', () => {
  it('lists the contexts with their servers and preselects the current one', () => {
    const parsed = readKubeconfigContexts(KUBECONFIG);
    expect(parsed.error).toBe('');
    expect(parsed.currentContext).toBe('prod');
    expect(parsed.contexts).toEqual([
      {
        name: 'dev',
        cluster: 'dev-cluster',
        user: 'admin',
        namespace: 'shop',
        server: 'https://10.0.0.1:6443',
      },
      {
        name: 'prod',
        cluster: 'prod-cluster',
        user: 'admin',
        namespace: '',
        server: 'https://10.0.0.2:6443',
      },
    ]);
  });

  it('says what is wrong with text that is not a kubeconfig', () => {
    expect(readKubeconfigContexts('a: [').error).toBe('yaml');
    expect(readKubeconfigContexts('hello').error).toBe('notKubeconfig');
    expect(readKubeconfigContexts('clusters: []\ncontexts: []').error).toBe('noContexts');
  });
});

describe('credential form', () => {
  it('sends only the chosen type’s fields, and insecure only when ticked', () => {
    const form = {
      ...emptyCredentialForm(),
      type: 'token' as const,
      server: ' https://k8s:6443 ',
      token: 't0k',
      kubeconfig: 'x',
    };
    expect(toCredentialInput(form)).toEqual({
      type: 'token',
      server: 'https://k8s:6443',
      token: 't0k',
      caData: undefined,
    });
    expect(toCredentialInput({ ...form, insecureSkipTLSVerify: true })).toMatchObject({
      insecureSkipTLSVerify: true,
    });
    expect(toCredentialInput({ ...form, type: 'in-cluster' })).toEqual({ type: 'in-cluster' });
  });

  it('names the missing fields the way the server does', () => {
    expect(
      missingCredentialFields({ ...emptyCredentialForm(), type: 'certificate', server: 'https://x' }),
    ).toEqual(['credential.certData', 'credential.keyData']);
    expect(missingCredentialFields({ ...emptyCredentialForm(), type: 'in-cluster' })).toEqual([]);
  });
});
