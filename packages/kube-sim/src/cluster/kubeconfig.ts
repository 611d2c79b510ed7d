/** kubeconfig files for a cluster: admin (bearer token) and per-user (token or client cert). */
import { stringify } from 'yaml';

export type Credentials = { token: string } | { certPem: string; keyPem: string };

export interface KubeconfigInput {
  clusterName: string;
  server: string;
  /** Omitted for plain-HTTP clusters. */
  caPem?: string;
  userName: string;
  credentials: Credentials;
  namespace?: string;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster: Record<string, unknown> = { server: input.server };
  if (input.caPem !== undefined) cluster['certificate-authority-data'] = b64(input.caPem);
  // client-node refuses http:// servers unless TLS verification is (vacuously) skipped.
  else if (input.server.startsWith('http://')) cluster['insecure-skip-tls-verify'] = true;
  const user: Record<string, unknown> =
    'token' in input.credentials
      ? { token: input.credentials.token }
      : {
          'client-certificate-data': b64(input.credentials.certPem),
          'client-key-data': b64(input.credentials.keyPem),
        };
  const context: Record<string, unknown> = { cluster: input.clusterName, user: input.userName };
  if (input.namespace !== undefined) context.namespace = input.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: input.clusterName, cluster }],
    users: [{ name: input.userName, user }],
    contexts: [{ name: input.clusterName, context }],
    'current-context': input.clusterName,
    preferences: {},
  });
}
