import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteAccess } from '../access/route-access.ts';
// Brings in the route config's `audit` field (a module augmentation of Fastify's types).
import type {} from './route-audit.ts';
import type { AuditQueue } from './audit-queue.ts';
import { actorOf, scopeOf, targetIdOf } from './request-audit.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const DENIALS = new Set(['FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED']);

/** `users:view` → action `users.view`, target type `users`. */
function describeAction(request: FastifyRequest): { action: string; targetType: string } {
  const audit = request.routeOptions.config.audit;
  if (audit) return audit;
  const access = request.routeOptions.config.access as RouteAccess | undefined;
  if (access && 'permission' in access) {
    return { action: access.permission.replace(':', '.'), targetType: access.permission.split(':')[0] ?? '' };
  }
  return { action: `${request.method} ${request.routeOptions.url ?? request.url}`, targetType: '' };
}

/**
 * Successful changes are audited by their services, inside their transactions. This hook
 * queues the rest: failed mutating requests and every permission denial (reads included).
 */
export function installAuditHook(app: FastifyInstance, queue: AuditQueue): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.is404) return;
    const mutating = !READ_METHODS.has(request.method);
    const audited = mutating && request.routeOptions.config.audit !== undefined;
    if (reply.statusCode < 400) {
      if (audited && !request.changeContext?.recorded) {
        request.log.error({ route: request.routeOptions.url }, 'a successful change wrote no audit record');
      }
      return;
    }
    const denied = DENIALS.has(request.errorCode ?? '');
    if (!audited && !denied) return;
    const { action, targetType } = describeAction(request);
    queue.enqueue({
      actor: actorOf(request),
      sourceIp: request.ip,
      action,
      targetType,
      targetId: targetIdOf(request),
      scope: scopeOf(request),
      statusCode: reply.statusCode,
      errorCode: request.errorCode ?? '',
      diff: null,
    });
  });
}
