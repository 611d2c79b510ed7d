import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DialectName } from '../config/database-url.ts';
import { pendingMigrations } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';

const Health = Type.Object({ status: Type.String() });
const Readiness = Type.Object({
  status: Type.Enum(['ready', 'not ready']),
  checks: Type.Object({ database: Type.String(), migrations: Type.String() }),
});

export interface HealthRouteOptions {
  db: Kysely<DB>;
  dialect: DialectName;
}

async function checkDatabase(options: HealthRouteOptions, log: FastifyBaseLogger) {
  try {
    await sql`select 1`.execute(options.db);
  } catch (error) {
    // The probe is public: details (host names, users) go to the log only.
    log.warn({ err: error }, 'readiness: database unreachable');
    return { database: 'unreachable', migrations: 'unknown' };
  }
  const pending = await pendingMigrations(options.db, options.dialect);
  return { database: 'ok', migrations: pending.length ? `pending: ${pending.join(', ')}` : 'ok' };
}

/** /healthz: the process is alive. /readyz: the database answers and its schema is current. */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, options) => {
  const access = { public: true } as const;
  app.get(
    '/healthz',
    { config: { access }, schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { access },
      schema: { tags: ['health'], summary: 'Readiness', response: { 200: Readiness, 503: Readiness } },
    },
    async (request, reply) => {
      const checks = await checkDatabase(options, request.log);
      const ready = checks.database === 'ok' && checks.migrations === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );
};
