import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app.ts';
import { loadConfig } from '../core/config/config.ts';
import type { DialectName } from '../core/config/database-url.ts';
import { isolateDatabase } from '../core/db/test-databases.ts';
import { ManualClock } from './manual-clock.ts';

export const ADMIN_PASSWORD = 'admin-Passw0rd';

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  dataDir: string;
  /** Every log line written so far. */
  logs: string[];
  close(): Promise<void>;
}

export type TestAppOptions = Partial<Omit<BuildAppOptions, 'config' | 'clock'>> & {
  env?: Record<string, string>;
  /** Run against an isolated PostgreSQL/MariaDB database instead of the default SQLite file. */
  dialect?: DialectName;
};

/**
 * A full app on a fresh SQLite file in a temp dir, with a manual clock, logs captured in
 * memory and cheap (but real) argon2 so tests stay fast.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { env, dialect, ...buildOptions } = options;
  const isolated = dialect && dialect !== 'sqlite' ? await isolateDatabase(dialect) : null;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-app-'));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const clock = new ManualClock(Date.UTC(2025, 0, 1));
  const databaseEnv: Record<string, string> =
    isolated?.config.dialect === 'sqlite' || !isolated
      ? {}
      : { ATRIUM_DATABASE_URL: isolated.config.url, ATRIUM_SECRET_KEY: randomBytes(32).toString('base64') };
  const config = loadConfig({
    ATRIUM_DATA_DIR: dataDir,
    ATRIUM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    ...databaseEnv,
    ...env,
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      consoleDir: path.join(dataDir, 'no-console'),
      passwordHashing: { memoryCost: 4096, timeCost: 1 },
      announce: () => {},
      ...buildOptions,
      config,
      clock,
      logStream,
    });
  } catch (error) {
    await isolated?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    clock,
    dataDir,
    logs,
    async close() {
      await app.close();
      await isolated?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects routes as they are registered, for tests that walk all of them. */
export function routeCollector(): { routes: RouteOptions[]; onRoute: (route: RouteOptions) => void } {
  const routes: RouteOptions[] = [];
  return { routes, onRoute: (route) => void routes.push(route) };
}
