import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from '../../access/route-access.ts';
import { registerPublicPlugin } from './public-routes.ts';

export const DOCS_PREFIX = '/api/docs';

const TAGS = [
  { name: 'auth', description: 'Sign-in, token refresh and sign-out' },
  { name: 'me', description: 'The signed-in user: profile, permissions, password, API tokens' },
  { name: 'users', description: 'User accounts' },
  { name: 'permissions', description: 'The permission code registry' },
  { name: 'roles', description: 'Roles: named sets of permission codes' },
  { name: 'role-bindings', description: 'Roles granted to users at a scope' },
  { name: 'audit', description: 'The audit log' },
  { name: 'health', description: 'Liveness and readiness probes' },
];

/** Routes that need a bearer token say so in the document. */
function declareSecurity(route: RouteOptions): void {
  const access = route.config?.access as RouteAccess | undefined;
  if (!access || 'public' in access) return;
  route.schema = { ...route.schema, security: [{ bearerAuth: [] }] };
}

/** Must be registered before the routes: @fastify/swagger collects them as they are added. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addHook('onRoute', declareSecurity);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Atrium API',
        version,
        description:
          'Multi-cluster, multi-tenant Kubernetes management. Errors: { error: { code, message, details } }.',
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token from POST /api/v1/auth/login, or a personal API token (atr_…)',
          },
        },
      },
    },
  });
  await registerPublicPlugin(app, swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: false });
}
