import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './core/config/config.ts';
import { ConfigError } from './core/config/config-error.ts';
import { startServer } from './server.ts';

const SHUTDOWN_GRACE_MS = 15_000;

/** Start-up failures are one line on stderr, naming the variable to fix, and exit code 1. */
function fail(error: unknown): never {
  const line =
    error instanceof ConfigError ? error.toLine() : `could not start: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`atrium: ${line}\n`);
  process.exit(1);
}

/** SIGINT/SIGTERM: stop accepting, finish in-flight requests, then close the database. */
function handleSignals(app: FastifyInstance): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exitCode = 0;
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    fail(error);
  }
  try {
    const { app, url, tlsUrl } = await startServer(config, { embeddedDemo: true });
    app.log.info({ url, tlsUrl, docs: `${url}/api/docs` }, 'Atrium is listening');
    handleSignals(app);
  } catch (error) {
    fail(error);
  }
}

await main();
