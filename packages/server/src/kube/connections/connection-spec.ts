import type { ClusterTimeouts } from './cluster-connections.ts';

/**
 * Everything needed to open a connection to one API server, decrypted. It lives in memory
 * only (inside the pool's KubeConfig); the database holds it sealed.
 */
export interface ConnectionSpec {
  /** https://host:port, optionally with a path prefix (e.g. behind a proxy). */
  server: string;
  /** PEM CA bundle that signs the API server's certificate. */
  caData?: string;
  insecureSkipTLSVerify: boolean;
  /** TLS server name to verify instead of the server URL's host. */
  tlsServerName?: string;
  token?: string;
  /** A token file re-read as it rotates (the in-cluster service-account token). */
  tokenFile?: string;
  /** PEM client certificate and key. */
  certData?: string;
  keyData?: string;
  username?: string;
  password?: string;
}

export type { ClusterTimeouts };

export const DEFAULT_CLUSTER_TIMEOUTS: ClusterTimeouts = { connectMs: 5_000, requestMs: 10_000 };
