import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessControl } from '../../access/access-control.ts';
import { changeContext } from '../../audit/request-audit.ts';
import { authenticatedErrors, NoContent } from '../../core/http/schemas.ts';
import type { UserService } from '../users/service.ts';
import { ChangePasswordBody, Me } from './schemas.ts';

export interface MeRouteOptions {
  users: UserService;
  accessControl: AccessControl;
}

const tags = ['me'];

/** /api/v1/me: who am I, what may I do, and changing my own password. */
export const meRoutes: FastifyPluginAsyncTypebox<MeRouteOptions> = async (app, { users, accessControl }) => {
  app.get(
    '/me',
    {
      config: { access: { authenticated: true, allowedBeforePasswordChange: true } },
      schema: {
        tags,
        summary: 'The signed-in user and their effective permission codes',
        response: { 200: Me, ...authenticatedErrors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const [user, permissions] = await Promise.all([
        users.get(principal.userId),
        accessControl.summary(principal),
      ]);
      return { user, permissions };
    },
  );

  app.post(
    '/me/password',
    {
      config: {
        access: { authenticated: true, sessionOnly: true, allowedBeforePasswordChange: true },
        audit: { action: 'users.change-password', targetType: 'user' },
      },
      schema: {
        tags,
        summary: 'Change my password (signs out my other sessions)',
        body: ChangePasswordBody,
        response: { 204: NoContent, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      await users.changeOwnPassword(
        changeContext(request),
        principal.userId,
        request.body,
        principal.sessionId,
      );
      return reply.code(204).send(null);
    },
  );
};
