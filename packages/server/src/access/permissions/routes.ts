import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authenticatedErrors } from '../../core/http/schemas.ts';
import type { PermissionRegistry } from './registry.ts';

const Permission = Type.Object({
  code: Type.String(),
  kind: Type.Enum(['menu', 'button', 'api']),
  parent: Type.Union([Type.String(), Type.Null()]),
  labels: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  scopes: Type.Array(Type.Enum(['platform', 'project', 'workspace'])),
  level: Type.Enum(['view', 'operate', 'admin']),
});

/** GET /api/v1/permissions: the registry, for the console's permission tree. */
export const permissionRoutes: FastifyPluginAsyncTypebox<{ registry: PermissionRegistry }> = async (
  app,
  { registry },
) => {
  const items = registry.all().map((p) => ({
    code: p.code,
    kind: p.kind,
    parent: p.parent ?? null,
    labels: p.labels,
    scopes: [...p.scopes],
    level: p.level,
  }));
  app.get(
    '/permissions',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['permissions'],
        summary: 'Every permission code with its labels',
        response: { 200: Type.Object({ items: Type.Array(Permission) }), ...authenticatedErrors },
      },
    },
    async () => ({ items }),
  );
};
