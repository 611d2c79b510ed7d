import type { ConnectionSpec } from '../connections/connection-spec.ts';

export type CredentialType = 'kubeconfig' | 'token' | 'certificate' | 'in-cluster';

/**
 * What is sealed in the database for a cluster. For an uploaded kubeconfig only the chosen
 * context's cluster and user are kept, never the other contexts' secrets. An in-cluster
 * credential stores nothing secret: the service-account token is read from its file at use,
 * because the kubelet rotates it.
 */
export type StoredCredential =
  | { type: 'kubeconfig' | 'token' | 'certificate'; context?: string; connection: ConnectionSpec }
  | { type: 'in-cluster' };

/** What the API shows of a credential; never anything secret. */
export interface CredentialView {
  type: CredentialType;
  server: string;
  insecureSkipTLSVerify: boolean;
}

/** A credential as submitted: one shape for every type, checked per type by the parser. */
export interface CredentialInput {
  type: CredentialType;
  kubeconfig?: string;
  context?: string;
  server?: string;
  token?: string;
  caData?: string;
  certData?: string;
  keyData?: string;
  insecureSkipTLSVerify?: boolean;
}

/** A parsed credential: what to store, and how to connect with it right now. */
export interface ParsedCredential {
  stored: StoredCredential;
  spec: ConnectionSpec;
  view: CredentialView;
}
