import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, IdParams, NoContent } from '../../core/http/schemas.ts';
import { CreateRoleBody, Role, RoleList, RoleListQuery, UpdateRoleBody } from './schemas.ts';
import type { RoleService } from './service.ts';

const tags = ['roles'];
const platform = 'platform' as const;

/** /api/v1/roles: built-in roles (read-only) and custom roles. */
export const roleRoutes: FastifyPluginAsyncTypebox<{ roles: RoleService }> = async (app, { roles }) => {
  app.get(
    '/roles',
    {
      config: { access: { permission: 'roles:view', scope: platform } },
      schema: {
        tags,
        summary: 'List roles',
        querystring: RoleListQuery,
        response: { 200: RoleList, ...authenticatedErrors },
      },
    },
    async (request) => ({ items: await roles.list(request.query.scopeType) }),
  );

  app.post(
    '/roles',
    {
      config: {
        access: { permission: 'roles:create', scope: platform },
        audit: { action: 'roles.create', targetType: 'role' },
      },
      schema: {
        tags,
        summary: 'Create a custom role',
        body: CreateRoleBody,
        response: { 201: Role, ...authenticatedErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await roles.create(changeContext(request), request.body)),
  );

  app.get(
    '/roles/:id',
    {
      config: { access: { permission: 'roles:view', scope: platform } },
      schema: {
        tags,
        summary: 'Get a role',
        params: IdParams,
        response: { 200: Role, ...authenticatedErrors },
      },
    },
    async (request) => roles.get(request.params.id),
  );

  app.patch(
    '/roles/:id',
    {
      config: {
        access: { permission: 'roles:update', scope: platform },
        audit: { action: 'roles.update', targetType: 'role' },
      },
      schema: {
        tags,
        summary: 'Edit a custom role',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: Role, ...authenticatedErrors },
      },
    },
    async (request) => roles.update(changeContext(request), request.params.id, request.body),
  );

  app.delete(
    '/roles/:id',
    {
      config: {
        access: { permission: 'roles:delete', scope: platform },
        audit: { action: 'roles.delete', targetType: 'role' },
      },
      schema: {
        tags,
        summary: 'Delete a custom role that nobody is bound to',
        params: IdParams,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      await roles.delete(changeContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
