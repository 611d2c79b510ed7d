import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../access/route-access.ts';
import { unauthenticated } from '../core/errors/errors.ts';
import { API_TOKEN_PREFIX, type ApiTokenService } from './api-tokens/service.ts';
import type { Principal } from './principal.ts';
import type { SessionService } from './sessions/service.ts';

/** Resolves `Authorization: Bearer …` to a principal: a session JWT or an `atr_` API token. */
export class Authenticator {
  readonly #sessions: SessionService;
  readonly #apiTokens: ApiTokenService;

  constructor(sessions: SessionService, apiTokens: ApiTokenService) {
    this.#sessions = sessions;
    this.#apiTokens = apiTokens;
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const credential = match?.[1];
    if (!credential) throw unauthenticated();
    if (credential.startsWith(API_TOKEN_PREFIX)) return this.#apiTokens.authenticate(credential);
    return this.#sessions.authenticate(credential);
  }
}

/**
 * Authenticates before the body is even read, so anonymous callers learn nothing from
 * validation errors. Public routes are left alone.
 */
export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access as RouteAccess | undefined;
    if (request.is404 || !access || 'public' in access) return;
    request.principal = await authenticator.authenticate(request.headers.authorization);
  });
}
