import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** What a raw HTTP(S) request to one cluster needs: where, how to connect, and which credential. */
export interface UpstreamTarget {
  /** The cluster's server URL, without a trailing slash. */
  server: URL;
  request: typeof http.request;
  agent: http.Agent;
  /** The credential header (Authorization), if the kubeconfig uses one. Never logged. */
  headers: Record<string, string>;
  /** Basic-auth `user:password` when the kubeconfig has one. */
  auth: string | undefined;
}

// One keep-alive agent per KubeConfig: client-node's own agents do not keep connections alive,
// and a TLS handshake per request would dominate every small read and write.
const agents = new WeakMap<KubeConfig, http.Agent>();

function agentFor(kubeConfig: KubeConfig, secure: boolean, tls: https.RequestOptions): http.Agent {
  let agent = agents.get(kubeConfig);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, scheduling: 'lifo' as const };
    agent = secure
      ? new https.Agent({
          ...options,
          ca: tls.ca,
          cert: tls.cert,
          key: tls.key,
          pfx: tls.pfx,
          passphrase: tls.passphrase,
          servername: tls.servername,
          ...(tls.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tls.rejectUnauthorized }),
        })
      : new http.Agent(options);
    agents.set(kubeConfig, agent);
  }
  return agent;
}

/** Closes the pooled connections of a KubeConfig that is no longer used (credential rotated). */
export function releaseTransport(kubeConfig: KubeConfig): void {
  agents.get(kubeConfig)?.destroy();
  agents.delete(kubeConfig);
}

/**
 * Resolves a cluster's KubeConfig (current context) into what node:http needs. Credentials are
 * re-read for every call so token-refreshing auth providers keep working.
 */
export async function upstreamTarget(kubeConfig: KubeConfig): Promise<UpstreamTarget> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const server = new URL(cluster.server.replace(/\/+$/, ''));
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const secure = server.protocol === 'https:';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  return {
    server,
    request: secure ? https.request : http.request,
    agent: agentFor(kubeConfig, secure, options),
    headers,
    auth: typeof options.auth === 'string' ? options.auth : undefined,
  };
}

/** The URL of `pathAndQuery` on the cluster, keeping any path prefix of the server URL. */
export function upstreamUrl(target: UpstreamTarget, pathAndQuery: string): URL {
  const base = target.server.pathname.replace(/\/+$/, '');
  return new URL(`${base}${pathAndQuery}`, target.server);
}
