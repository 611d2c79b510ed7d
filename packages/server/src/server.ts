import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.ts';
import type { Config, TlsConfig } from './core/config/config.ts';
import { ConfigError } from './core/config/config-error.ts';
import { TlsEndpoint, type TlsListenerOptions } from './core/http/tls-listener.ts';
import { LocalCertificateAuthority } from './core/tls/local-ca.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** e.g. https://127.0.0.1:8443, or null when ATRIUM_TLS_PORT=off */
  tlsUrl: string | null;
}

function listenError(error: unknown, variable: string, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ConfigError(variable, `${port} is already in use on ${host}`);
  if (code === 'EACCES') return new ConfigError(variable, `no permission to listen on port ${port}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new ConfigError('HOST', `${host} is not an address of this machine`);
  }
  return error;
}

/** Every name and address a user of this machine may type: all go into the serving certificate. */
function localNames(host: string): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  const wildcard = host === '0.0.0.0' || host === '::';
  return ['localhost', '127.0.0.1', '::1', hostname(), ...(wildcard ? [] : [host]), ...addresses];
}

async function tlsCertificate(
  tls: TlsConfig,
  config: Config,
): Promise<Omit<TlsListenerOptions, 'host' | 'port'>> {
  if (tls.certFile && tls.keyFile) {
    const [certPem, keyPem] = await Promise.all([
      readFile(tls.certFile, 'utf8'),
      readFile(tls.keyFile, 'utf8'),
    ]);
    return { certPem, keyPem, caPem: null };
  }
  const ca = await LocalCertificateAuthority.loadOrCreate(path.join(config.dataDir, 'tls'));
  return { ...(await ca.issueServingCertificate(localNames(config.host))), caPem: ca.caPem };
}

function urlOf(scheme: 'http' | 'https', host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Builds the app and listens on HOST:PORT (HTTP) and HOST:ATRIUM_TLS_PORT (HTTPS). */
export async function startServer(
  config: Config,
  options: Omit<BuildAppOptions, 'config' | 'tlsEndpoint'> = {},
): Promise<RunningServer> {
  const tlsEndpoint = new TlsEndpoint();
  const app = await buildApp({ ...options, config, tlsEndpoint });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw listenError(error, 'PORT', config.port, config.host);
  }
  if (config.tls) {
    try {
      const certificate = await tlsCertificate(config.tls, config);
      await tlsEndpoint.listen(app, { host: config.host, port: config.tls.port, ...certificate });
    } catch (error) {
      await app.close();
      throw listenError(error, 'ATRIUM_TLS_PORT', config.tls.port, config.host);
    }
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: urlOf('http', config.host, port),
    tlsUrl: tlsEndpoint.port === null ? null : urlOf('https', config.host, tlsEndpoint.port),
  };
}
