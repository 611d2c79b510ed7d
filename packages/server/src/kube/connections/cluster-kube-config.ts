import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { Agent } from 'undici';
import type { ClusterTimeouts, ConnectionSpec } from './connection-spec.ts';

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

/** The names inside the KubeConfig: unique per cluster, so configs never collide when merged. */
export function kubeConfigNames(clusterName: string) {
  return {
    cluster: `atrium-cluster-${clusterName}`,
    user: `atrium-user-${clusterName}`,
    context: `atrium-${clusterName}`,
  };
}

/**
 * A KubeConfig with exactly one context for one cluster, whose requests share one keep-alive
 * connection pool with a connect timeout and, unless the caller brought its own signal, an
 * overall request timeout. client-node otherwise builds a new dispatcher (and TLS
 * connection) per request and waits on a dead server as long as the OS lets it.
 */
export class ClusterKubeConfig extends KubeConfig {
  readonly timeouts: ClusterTimeouts;
  readonly #dispatcher: Agent;

  constructor(clusterName: string, spec: ConnectionSpec, timeouts: ClusterTimeouts) {
    super();
    this.timeouts = timeouts;
    const names = kubeConfigNames(clusterName);
    this.loadFromOptions({
      clusters: [
        {
          name: names.cluster,
          server: spec.server,
          skipTLSVerify: spec.insecureSkipTLSVerify,
          ...(spec.caData && { caData: b64(spec.caData) }),
          ...(spec.tlsServerName && { tlsServerName: spec.tlsServerName }),
        },
      ],
      users: [
        {
          name: names.user,
          ...(spec.token && { token: spec.token }),
          ...(spec.tokenFile && {
            authProvider: { name: 'tokenFile', config: { tokenFile: spec.tokenFile } },
          }),
          ...(spec.certData && { certData: b64(spec.certData) }),
          ...(spec.keyData && { keyData: b64(spec.keyData) }),
          ...(spec.username && { username: spec.username, password: spec.password ?? '' }),
        },
      ],
      contexts: [{ name: names.context, cluster: names.cluster, user: names.user }],
      currentContext: names.context,
    });
    this.#dispatcher = new Agent({
      connect: {
        timeout: timeouts.connectMs,
        rejectUnauthorized: !spec.insecureSkipTLSVerify,
        ...(spec.caData && { ca: spec.caData }),
        ...(spec.certData && { cert: spec.certData }),
        ...(spec.keyData && { key: spec.keyData }),
        ...(spec.tlsServerName && { servername: spec.tlsServerName }),
      },
      headersTimeout: timeouts.requestMs,
      // Watches and log streams stay open; they time out on their own inactivity timers.
      bodyTimeout: 0,
    });
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    context.setDispatcher(this.#dispatcher);
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(this.timeouts.requestMs));
  }

  /** Lets requests in flight finish (watches end when their holders restart them). */
  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  /** Ends every connection now: the cluster is gone. */
  async destroy(): Promise<void> {
    await this.#dispatcher.destroy();
  }
}
