import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, IdParams, NoContent } from '../../core/http/schemas.ts';
import { ApiTokenList, CreateApiTokenBody, CreatedApiToken } from './schemas.ts';
import type { ApiTokenService } from './service.ts';

const tags = ['me'];

/** /api/v1/me/tokens: personal API tokens. Minting and revoking need a password session. */
export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ apiTokens: ApiTokenService }> = async (
  app,
  { apiTokens },
) => {
  app.get(
    '/me/tokens',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'My API tokens', response: { 200: ApiTokenList, ...authenticatedErrors } },
    },
    async (request) => ({ items: await apiTokens.list(request.principal!.userId) }),
  );

  app.post(
    '/me/tokens',
    {
      config: {
        access: { authenticated: true, sessionOnly: true },
        audit: { action: 'api-tokens.create', targetType: 'api-token' },
      },
      schema: {
        tags,
        summary: 'Create an API token; the token is shown only in this response',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...authenticatedErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await apiTokens.create(changeContext(request), request.principal!.userId, request.body)),
  );

  app.delete(
    '/me/tokens/:id',
    {
      config: {
        access: { authenticated: true, sessionOnly: true },
        audit: { action: 'api-tokens.delete', targetType: 'api-token' },
      },
      schema: {
        tags,
        summary: 'Revoke one of my API tokens',
        params: IdParams,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      await apiTokens.delete(changeContext(request), request.principal!.userId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
