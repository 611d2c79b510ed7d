import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { changeContext } from '../../audit/request-audit.ts';
import { rateLimited } from '../../core/errors/errors.ts';
import { ErrorResponse, NoContent } from '../../core/http/schemas.ts';
import { LoginBody, LogoutBody, RefreshBody, TokenPair } from './schemas.ts';
import type { SessionService } from './service.ts';

export interface LoginRateLimit {
  max: number;
  timeWindowMs: number;
}

export interface SessionRouteOptions {
  sessions: SessionService;
  loginRateLimit: LoginRateLimit;
}

const tags = ['auth'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 500: ErrorResponse };

/** /api/v1/auth: sign-in, refresh-token rotation and sign-out. */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRouteOptions> = async (app, options) => {
  const { sessions, loginRateLimit } = options;

  app.post(
    '/auth/login',
    {
      config: {
        access: { public: true },
        audit: { action: 'auth.login', targetType: 'user' },
        rateLimit: {
          max: loginRateLimit.max,
          timeWindow: loginRateLimit.timeWindowMs,
          // Per client address: one noisy client cannot lock everyone else out of signing in.
          keyGenerator: (request: FastifyRequest) => request.ip,
          errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
            rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
        },
      },
      schema: {
        tags,
        summary: 'Sign in with username and password',
        body: LoginBody,
        response: { 200: TokenPair, 423: ErrorResponse, 429: ErrorResponse, ...errors },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      // Failed attempts are audited under the name that was tried.
      request.auditActor = { type: 'user', id: '', name: username };
      return sessions.login(changeContext(request), username, password, request.ip);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: { public: true }, audit: { action: 'auth.refresh', targetType: 'user' } },
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new token pair (the old one stops working)',
        body: RefreshBody,
        response: { 200: TokenPair, ...errors },
      },
    },
    async (request) => sessions.refresh(changeContext(request), request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      config: {
        access: { authenticated: true, allowedBeforePasswordChange: true },
        audit: { action: 'auth.logout', targetType: 'user' },
      },
      preValidation: async (request) => {
        // A bare POST with no body is a fine way to sign out.
        request.body ??= {};
      },
      schema: {
        tags,
        summary: 'Sign out: revokes the session at once',
        body: LogoutBody,
        response: { 204: NoContent, ...errors },
      },
    },
    async (request, reply) => {
      await sessions.logout(changeContext(request), request.principal!, request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};
