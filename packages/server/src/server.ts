import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.ts';
import type { Config } from './core/config/config.ts';
import { ConfigError } from './core/config/config-error.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
}

function listenError(error: unknown, config: Config): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new ConfigError('PORT', `${config.port} is already in use on ${config.host}`);
  if (code === 'EACCES') return new ConfigError('PORT', `no permission to listen on port ${config.port}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new ConfigError('HOST', `${config.host} is not an address of this machine`);
  }
  return error;
}

/** Builds the app and listens on HOST:PORT. */
export async function startServer(
  config: Config,
  options: Omit<BuildAppOptions, 'config'> = {},
): Promise<RunningServer> {
  const app = await buildApp({ ...options, config });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}` };
}
