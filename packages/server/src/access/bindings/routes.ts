import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, IdParams, NoContent } from '../../core/http/schemas.ts';
import { Binding, BindingList, BindingListQuery, CreateBindingBody } from './schemas.ts';
import type { BindingService } from './service.ts';

const tags = ['role-bindings'];
const platform = 'platform' as const;

/** /api/v1/role-bindings: who holds which role where. */
export const bindingRoutes: FastifyPluginAsyncTypebox<{ bindings: BindingService }> = async (
  app,
  { bindings },
) => {
  app.get(
    '/role-bindings',
    {
      config: { access: { permission: 'role-bindings:view', scope: platform } },
      schema: {
        tags,
        summary: 'List role bindings',
        querystring: BindingListQuery,
        response: { 200: BindingList, ...authenticatedErrors },
      },
    },
    async (request) => ({ items: await bindings.list(request.query) }),
  );

  app.post(
    '/role-bindings',
    {
      config: {
        access: { permission: 'role-bindings:create', scope: platform },
        audit: { action: 'role-bindings.create', targetType: 'role-binding' },
      },
      schema: {
        tags,
        summary: 'Grant a role to a user at a scope',
        body: CreateBindingBody,
        response: { 201: Binding, ...authenticatedErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await bindings.create(changeContext(request), request.body)),
  );

  app.delete(
    '/role-bindings/:id',
    {
      config: {
        access: { permission: 'role-bindings:delete', scope: platform },
        audit: { action: 'role-bindings.delete', targetType: 'role-binding' },
      },
      schema: {
        tags,
        summary: 'Remove a role binding',
        params: IdParams,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      await bindings.delete(changeContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
