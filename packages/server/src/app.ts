import { mkdir } from 'node:fs/promises';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { installAuthorization } from './access/authorize.ts';
import { bindingRoutes } from './access/bindings/routes.ts';
import { permissionRoutes } from './access/permissions/routes.ts';
import { roleRoutes } from './access/roles/routes.ts';
import { noWorkspaceProjects, type WorkspaceLocator } from './access/workspace-locator.ts';
import { installAuditHook } from './audit/audit-hook.ts';
import { auditRoutes } from './audit/routes.ts';
import { ensureInitialAdmin } from './auth/admin-bootstrap.ts';
import { apiTokenRoutes } from './auth/api-tokens/routes.ts';
import { installAuthentication } from './auth/authenticator.ts';
import { meRoutes } from './auth/me/routes.ts';
import type { PasswordHashingCost } from './auth/passwords/password-hasher.ts';
import { sessionRoutes, type LoginRateLimit } from './auth/sessions/routes.ts';
import { userRoutes } from './auth/users/routes.ts';
import { systemClock, type Clock } from './core/clock.ts';
import type { Config } from './core/config/config.ts';
import { loadOrCreateSecretKeyFile } from './core/config/secret-key.ts';
import { connectDatabase } from './core/db/connect.ts';
import { installErrorHandler } from './core/errors/error-handler.ts';
import { DEFAULT_CONSOLE_DIR, registerConsole } from './core/http/console.ts';
import { healthRoutes } from './core/http/health-routes.ts';
import { createLogger, requestIdFor } from './core/http/logger.ts';
import { registerOpenApi } from './core/http/openapi.ts';
import { decorateRequestState } from './core/http/request-state.ts';
import { registerSecurityHeaders } from './core/http/security-headers.ts';
import { TlsEndpoint } from './core/http/tls-listener.ts';
import { clusterRoutes } from './kube/clusters/routes.ts';
import { dataPlaneRoutes, kubectlProxyRoutes } from './kube/data-plane-routes.ts';
import type { DataPlaneOptions } from './kube/data-plane-services.ts';
import type { KubeOptions } from './kube/kube-services.ts';
import { nodeRoutes } from './kube/nodes/routes.ts';
import { readinessRoutes } from './kube/readiness/routes.ts';
import { schemaRoutes } from './kube/schema/routes.ts';
import { SchemaSource } from './kube/schema/schema-source.ts';
import { createServices, type Services } from './services.ts';

export interface BuildAppOptions {
  config: Config;
  clock?: Clock;
  /** Where logs go; stdout by default. */
  logStream?: DestinationStream;
  /** The built console; packages/web/dist by default. */
  consoleDir?: string;
  workspaceLocator?: WorkspaceLocator;
  passwordHashing?: PasswordHashingCost;
  loginRateLimit?: LoginRateLimit;
  /** Shows the generated admin password once; stdout by default, never the logger. */
  announce?: (text: string) => void;
  /** Called for every route as it is registered, before anything else sees it. */
  onRoute?: (route: RouteOptions) => void;
  /** Timeouts, health interval, in-cluster environment… of the cluster registry (tests). */
  kube?: KubeOptions;
  /**
   * Start the kube-sim demo clusters once ready (`npm start` does). They run only when
   * ATRIUM_DEMO is on and the database is the embedded SQLite: never next to production data.
   */
  embeddedDemo?: boolean;
  /** Cache timings of the cluster data plane (tests). */
  dataPlane?: DataPlaneOptions;
  /** Atrium's HTTPS listener, once startServer has opened it (kubeconfigs point kubectl there). */
  tlsEndpoint?: TlsEndpoint;
}

declare module 'fastify' {
  interface FastifyInstance {
    atrium: Services;
  }
}

export type App = FastifyInstance;

const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { max: 30, timeWindowMs: 60_000 };

async function registerRoutes(app: FastifyInstance, services: Services, options: BuildAppOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  await api.register(healthRoutes, { db: services.db, dialect: services.dialect });
  await api.register(
    async (v1) => {
      const loginRateLimit = options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
      await v1.register(sessionRoutes, { sessions: services.sessions, loginRateLimit });
      await v1.register(meRoutes, { users: services.users, accessControl: services.accessControl });
      await v1.register(apiTokenRoutes, { apiTokens: services.apiTokens });
      await v1.register(userRoutes, { users: services.users });
      await v1.register(permissionRoutes, { registry: services.registry });
      await v1.register(roleRoutes, { roles: services.roles });
      await v1.register(bindingRoutes, { bindings: services.bindings });
      await v1.register(auditRoutes, {
        audit: services.audit,
        accessControl: services.accessControl,
        clock: services.clock,
      });
      await v1.register(clusterRoutes, { clusters: services.kube.clusters });
      await v1.register(nodeRoutes, { nodes: services.kube.nodes });
      await v1.register(dataPlaneRoutes, {
        services,
        publicUrl: options.config.publicUrl,
        tls: options.tlsEndpoint ?? new TlsEndpoint(),
      });
      // The console's helpers: kind schemas for the YAML editor, control-plane checks.
      const schemas = new SchemaSource(services.kube.connections);
      await v1.register(schemaRoutes, { schemas, access: services.dataPlane.access });
      await v1.register(readinessRoutes, { connections: services.kube.connections });
    },
    { prefix: '/api/v1' },
  );
  await api.register(kubectlProxyRoutes, { services });
}

/** Data directory, secret key, database and services: everything but HTTP. */
async function startServices(options: BuildAppOptions, clock: Clock, logger: Logger): Promise<Services> {
  const { config } = options;
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const secretKey = config.secretKey ?? (await loadOrCreateSecretKeyFile(config.dataDir));
  const database = await connectDatabase(config.database, {
    onPoolError: (error) => logger.error({ err: error }, 'idle database connection failed'),
  });
  if (database.migrated.length) logger.info({ migrations: database.migrated }, 'database migrated');
  try {
    const services = await createServices({
      ...database,
      clock,
      secretKey,
      log: logger,
      workspaceLocator: options.workspaceLocator ?? noWorkspaceProjects,
      passwordHashing: options.passwordHashing,
      kube: { ...options.kube, dataDir: config.dataDir },
      ...(options.dataPlane && { dataPlane: options.dataPlane }),
    });
    await services.roles.syncBuiltinRoles();
    const announce = options.announce ?? ((text: string) => process.stdout.write(`${text}\n`));
    await ensureInitialAdmin(
      { ...services, ...services.stores, audit: services.auditRecorder, announce },
      config.adminPassword,
    );
    return services;
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}

/** Hooks in the order they must run: identity, then access, then audit of the outcome. */
async function configureHttp(app: FastifyInstance, services: Services, options: BuildAppOptions) {
  decorateRequestState(app);
  installErrorHandler(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, packageJson.version);
  installAuthentication(app, services.authenticator);
  installAuthorization(app, services.accessControl);
  installAuditHook(app, services.auditQueue);
  await registerRoutes(app, services, options);
  await registerConsole(app, options.consoleDir ?? DEFAULT_CONSOLE_DIR);
}

/**
 * The whole server, ready to `listen` or `inject`: database connected and migrated,
 * built-in roles synced, the first admin created. Closing it drains the audit queue and
 * then closes the database.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const logger = createLogger(options.config.logLevel, options.logStream);
  const services = await startServices(options, clock, logger);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requestIdFor,
    trustProxy: false,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.decorate('atrium', services);
  app.addHook('onClose', async () => {
    await options.tlsEndpoint?.close();
    await services.dataPlane.stop();
    await services.kube.stop();
    await services.auditQueue.drain();
    await services.db.destroy();
  });
  try {
    await configureHttp(app, services, options);
    await app.ready();
    const { config } = options;
    services.kube.start({
      demo: options.embeddedDemo === true && config.demo && config.database.dialect === 'sqlite',
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
