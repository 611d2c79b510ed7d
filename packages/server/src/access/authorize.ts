import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  forbiddenForApiToken,
  passwordChangeRequired,
  unauthenticated,
  validationFailed,
} from '../core/errors/errors.ts';
import type { AccessControl } from './access-control.ts';
import type { RouteAccess, RouteScope } from './route-access.ts';
import { PLATFORM_SCOPE, type ScopeRef } from './scope.ts';

function resolveScope(scope: RouteScope, request: FastifyRequest): ScopeRef {
  if (scope === 'platform') return PLATFORM_SCOPE;
  const id = (request.params as Record<string, unknown>)[scope.param];
  if (typeof id !== 'string' || id === '') throw validationFailed(scope.param, `${scope.param} is required`);
  return { type: scope.type, id };
}

/** The one place route access declarations are enforced. Undeclared routes fail closed. */
export function installAuthorization(app: FastifyInstance, accessControl: AccessControl): void {
  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access as RouteAccess | undefined;
    if (!access) throw new Error(`${request.method} ${request.routeOptions.url} declares no config.access`);
    if ('public' in access) return;
    const principal = request.principal;
    if (!principal) throw unauthenticated();
    const exempt = 'authenticated' in access && access.allowedBeforePasswordChange === true;
    if (principal.mustChangePassword && !exempt) throw passwordChangeRequired();
    if ('authenticated' in access) {
      if (access.sessionOnly && principal.tokenId !== null) throw forbiddenForApiToken();
      return;
    }
    await accessControl.assert(principal, access.permission, resolveScope(access.scope, request));
  });
}
