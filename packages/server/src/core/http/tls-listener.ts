/**
 * Atrium's HTTPS listener: the same app as the plain one. Requests go through Fastify's router
 * and upgrades (the stream WebSocket, kubectl exec through the proxy) through the same 'upgrade'
 * handling, so every hook, access check and audit record applies alike. kubectl needs it: it
 * sends its token only over TLS.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface TlsListenerOptions {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
  /** The local CA's certificate when Atrium issued its own serving certificate. */
  caPem: string | null;
}

/** Where kubectl reaches this Atrium over TLS; filled in once the listener is up. */
export class TlsEndpoint {
  #server: https.Server | null = null;
  #caPem: string | null = null;

  /** Listening port, or null when Atrium serves no TLS itself (e.g. behind an ingress). */
  get port(): number | null {
    return this.#server ? (this.#server.address() as AddressInfo).port : null;
  }

  /** PEM to put in kubeconfigs as certificate-authority-data; null for operator certificates. */
  get caPem(): string | null {
    return this.#caPem;
  }

  async listen(app: FastifyInstance, options: TlsListenerOptions): Promise<void> {
    const server = https.createServer({ cert: options.certPem, key: options.keyPem }, app.routing);
    server.on('upgrade', (request, socket, head) => app.server.emit('upgrade', request, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#caPem = options.caPem;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
