import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AccessControl } from '../access/access-control.ts';
import { PLATFORM_SCOPE } from '../access/scope.ts';
import type { Clock } from '../core/clock.ts';
import { authenticatedErrors } from '../core/http/schemas.ts';
import { AuditList, AuditQuery } from './schemas.ts';
import type { AuditService } from './service.ts';
import type { AuditFilter } from './store.ts';

export interface AuditRouteOptions {
  audit: AuditService;
  accessControl: AccessControl;
  clock: Clock;
}

function toFilter(query: AuditQuery): AuditFilter {
  return {
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
    actor: query.actor,
    action: query.action,
    targetType: query.targetType,
    clusterId: query.clusterId,
    projectId: query.projectId,
    workspaceId: query.workspaceId,
    applicationId: query.applicationId,
    outcome: query.outcome,
  };
}

/** GET /api/v1/audit: the audit log as JSON pages, or (with audit:export) as a CSV download. */
export const auditRoutes: FastifyPluginAsyncTypebox<AuditRouteOptions> = async (app, options) => {
  const { audit, accessControl, clock } = options;
  app.get(
    '/audit',
    {
      config: { access: { permission: 'audit:view', scope: 'platform' } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log; format=csv downloads every match',
        querystring: AuditQuery,
        response: { 200: AuditList, ...authenticatedErrors },
      },
    },
    async (request, reply) => {
      const filter = toFilter(request.query);
      if (request.query.format !== 'csv') {
        return audit.list(filter, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 });
      }
      await accessControl.assert(request.principal!, 'audit:export', PLATFORM_SCOPE);
      const stamp = new Date(clock.now()).toISOString().slice(0, 10);
      // The JSON response schema does not describe a stream, hence the untyped reply.
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="atrium-audit-${stamp}.csv"`)
        .send(Readable.from(audit.exportCsv(filter)));
    },
  );
};
