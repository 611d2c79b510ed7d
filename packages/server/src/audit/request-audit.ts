import type { FastifyRequest } from 'fastify';
import type { RouteAccess } from '../access/route-access.ts';
// Brings in the route config's `audit` field (a module augmentation of Fastify's types).
import type {} from './route-audit.ts';
import { ANONYMOUS_ACTOR, type Actor, type AuditScope, type ChangeContext } from './audit-entry.ts';

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) return request.auditActor ?? ANONYMOUS_ACTOR;
  if (principal.tokenId) {
    return { type: 'token', id: principal.tokenId, name: principal.username, userId: principal.userId };
  }
  return { type: 'user', id: principal.userId, name: principal.username, userId: principal.userId };
}

function param(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The scope ids the route acts in, from its access declaration and well-known path params. */
export function scopeOf(request: FastifyRequest): AuditScope {
  const scope: AuditScope = {};
  const clusterId = param(request, 'clusterId') ?? param(request, 'cluster');
  if (clusterId) scope.clusterId = clusterId;
  const access = request.routeOptions.config.access as RouteAccess | undefined;
  if (access && 'permission' in access && access.scope !== 'platform') {
    const id = param(request, access.scope.param);
    if (id && access.scope.type === 'project') scope.projectId = id;
    if (id && access.scope.type === 'workspace') scope.workspaceId = id;
  }
  const applicationId = param(request, 'applicationId');
  if (applicationId) scope.applicationId = applicationId;
  return scope;
}

export function targetIdOf(request: FastifyRequest): string {
  return param(request, request.routeOptions.config.audit?.targetParam ?? 'id') ?? '';
}

function successStatus(request: FastifyRequest): number {
  const responses = (request.routeOptions.schema?.response ?? {}) as Record<string, unknown>;
  const codes = Object.keys(responses)
    .map(Number)
    .filter((code) => code >= 200 && code < 300);
  return codes.length ? Math.min(...codes) : 200;
}

/**
 * The audit context for the change this request makes; the service writes it in its
 * transaction. Only routes that declare `config.audit` have one.
 */
export function changeContext(request: FastifyRequest): ChangeContext {
  const audit = request.routeOptions.config.audit;
  if (!audit) throw new Error(`${request.method} ${request.routeOptions.url} declares no config.audit`);
  request.changeContext ??= {
    actor: actorOf(request),
    sourceIp: request.ip,
    action: audit.action,
    targetType: audit.targetType,
    scope: scopeOf(request),
    statusCode: successStatus(request),
    recorded: false,
  };
  return request.changeContext;
}
