import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, IdParams, NoContent } from '../../core/http/schemas.ts';
import {
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
} from './schemas.ts';
import type { UserService } from './service.ts';

const tags = ['users'];
const platform = 'platform' as const;

/** /api/v1/users: user administration. */
export const userRoutes: FastifyPluginAsyncTypebox<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/users',
    {
      config: { access: { permission: 'users:view', scope: platform } },
      schema: {
        tags,
        summary: 'List users',
        querystring: UserListQuery,
        response: { 200: UserList, ...authenticatedErrors },
      },
    },
    async (request) =>
      users.list({
        search: request.query.search,
        status: request.query.status,
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/users',
    {
      config: {
        access: { permission: 'users:create', scope: platform },
        audit: { action: 'users.create', targetType: 'user' },
      },
      schema: {
        tags,
        summary: 'Create a user',
        body: CreateUserBody,
        response: { 201: User, ...authenticatedErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(changeContext(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      config: { access: { permission: 'users:view', scope: platform } },
      schema: {
        tags,
        summary: 'Get a user',
        params: IdParams,
        response: { 200: User, ...authenticatedErrors },
      },
    },
    async (request) => users.get(request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: {
        access: { permission: 'users:update', scope: platform },
        audit: { action: 'users.update', targetType: 'user' },
      },
      schema: {
        tags,
        summary: 'Edit a user; disabling signs them out everywhere',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...authenticatedErrors },
      },
    },
    async (request) => users.update(changeContext(request), request.params.id, request.body),
  );

  app.delete(
    '/users/:id',
    {
      config: {
        access: { permission: 'users:delete', scope: platform },
        audit: { action: 'users.delete', targetType: 'user' },
      },
      schema: {
        tags,
        summary: 'Delete a user with their bindings and tokens',
        params: IdParams,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      await users.delete(changeContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: {
        access: { permission: 'users:reset-password', scope: platform },
        audit: { action: 'users.reset-password', targetType: 'user' },
      },
      schema: {
        tags,
        summary: 'Set a new password the user must change at next sign-in; signs them out',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      await users.resetPassword(changeContext(request), request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );
};
