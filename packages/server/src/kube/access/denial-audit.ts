import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditQueue } from '../../audit/audit-queue.ts';
import { actorOf, scopeOf } from '../../audit/request-audit.ts';
import { groupFromUrl } from '../cache/resource-ref.ts';
import { CLUSTER_OBJECT, objectTarget } from '../resources/audit-target.ts';
import { isDenied } from './kube-access.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RefusedRead {
  cluster?: string;
  namespace: string;
  group: string;
  resource: string;
  name: string;
  statusCode: number;
  errorCode: string;
}

/** Records a refused read of a cluster's objects, as the audit hook records refused writes. */
export function enqueueReadDenial(queue: AuditQueue, request: FastifyRequest, read: RefusedRead): void {
  const scope = scopeOf(request);
  queue.enqueue({
    actor: actorOf(request),
    sourceIp: request.ip,
    action: 'resources.view',
    targetType: CLUSTER_OBJECT,
    targetId: objectTarget(read),
    scope: read.cluster ? { ...scope, clusterId: read.cluster } : scope,
    statusCode: read.statusCode,
    errorCode: read.errorCode,
    diff: null,
  });
}

/**
 * A read refused because its namespace is hidden answers 404 like a missing object; the audit
 * hook only records 403 denials of reads, so these are recorded here. (Failed writes are
 * recorded by the audit hook already.)
 */
export function auditHiddenNamespaceDenials(app: FastifyInstance, queue: AuditQueue): void {
  app.addHook('onError', async (request, reply, error) => {
    if (!isDenied(error) || !READ_METHODS.has(request.method)) return;
    const params = request.params as Record<string, string | undefined>;
    const query = request.query as Record<string, string | undefined>;
    enqueueReadDenial(queue, request, {
      namespace: params['namespace'] ?? query['namespace'] ?? '',
      group: groupFromUrl(params['group'] ?? ''),
      resource: params['resource'] ?? '',
      name: params['name'] ?? '',
      statusCode: 404,
      errorCode: 'NOT_FOUND',
    });
    void reply;
  });
}
