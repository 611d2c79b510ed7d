import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../auth/principal.ts';
import type { Actor, ChangeContext } from '../../audit/audit-entry.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication; null on public routes and before authentication. */
    principal: Principal | null;
    /** The error code the request failed with, for the audit hook. */
    errorCode: string | null;
    /** The audit context of a mutating request, once a handler asked for it. */
    changeContext: ChangeContext | null;
    /** Who to name in a failure record when there is no principal (e.g. a failed sign-in). */
    auditActor: Actor | null;
  }
}

export function decorateRequestState(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('errorCode', null);
  app.decorateRequest('changeContext', null);
  app.decorateRequest('auditActor', null);
}
