import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, RouteOptions } from 'fastify';
import type { RouteAccess } from '../../access/route-access.ts';

function markPublic(route: RouteOptions): void {
  const access: RouteAccess = { public: true };
  route.config = { ...route.config, access };
  route.schema = { ...route.schema, hide: true };
}

/**
 * Registers a third-party plugin (docs, static files) whose routes are public by design,
 * declaring that on each route it adds, as every route must.
 */
export async function registerPublicPlugin<Options extends object>(
  app: FastifyInstance,
  plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>,
  options: Options,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', markPublic);
    await scope.register(plugin as FastifyPluginAsync<Options>, options);
  });
}
