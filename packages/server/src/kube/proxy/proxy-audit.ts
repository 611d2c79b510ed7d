import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { Executor } from '../../core/db/schema.ts';
import type { KubeObject } from '../cache/resource-ref.ts';
import { objectDiff } from '../resources/object-diff.ts';
import { CLUSTER_OBJECT, objectTarget } from '../resources/audit-target.ts';
import type { RequestInfo } from './request-info.ts';

type ResourceInfo = Extract<RequestInfo, { isResource: true }>;

/** The subresources that open a session in a container rather than change an object. */
export const SESSION_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

export function isWrite(info: RequestInfo): info is ResourceInfo {
  return info.isResource && !['get', 'list', 'watch'].includes(info.verb);
}

export function isSession(info: RequestInfo): boolean {
  return info.isResource && info.resource === 'pods' && SESSION_SUBRESOURCES.has(info.subresource);
}

export type { ResourceInfo };

function parseObject(body: Buffer | null): KubeObject | null {
  if (!body?.length) return null;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as KubeObject;
    return parsed && typeof parsed === 'object' && parsed.kind !== 'Status' ? parsed : null;
  } catch {
    return null; // protobuf or a table: recorded without the after side
  }
}

/** The record's action: the verb, or the session kind (`kubectl.exec`); a collection delete stays a delete. */
function actionOf(info: ResourceInfo): string {
  if (SESSION_SUBRESOURCES.has(info.subresource)) return `kubectl.${info.subresource}`;
  return `kubectl.${info.verb === 'deletecollection' ? 'delete' : info.verb}`;
}

/** Audit records of what kubectl changed through the proxy: one per write, one per exec session. */
export class ProxyAudit {
  readonly #db: Executor;
  readonly #audit: AuditRecorder;

  constructor(db: Executor, audit: AuditRecorder) {
    this.#db = db;
    this.#audit = audit;
  }

  async recordWrite(
    ctx: ChangeContext,
    info: ResourceInfo,
    change: {
      cluster: string;
      workspaceId?: string;
      statusCode: number;
      before: KubeObject | null;
      body: Buffer | null;
    },
  ): Promise<void> {
    const after =
      info.verb === 'delete' || info.verb === 'deletecollection' ? null : parseObject(change.body);
    const name = info.name || after?.metadata?.name || '';
    await this.#audit.recordChange(
      this.#db,
      {
        ...ctx,
        action: actionOf(info),
        targetType: CLUSTER_OBJECT,
        statusCode: change.statusCode,
        scope: {
          ...ctx.scope,
          clusterId: change.cluster,
          ...(change.workspaceId && { workspaceId: change.workspaceId }),
        },
      },
      {
        targetId: objectTarget({ ...info, name }),
        diff: change.before || after ? objectDiff(change.before, after) : null,
      },
    );
    ctx.recorded = true;
  }

  /** One record per exec/attach/port-forward session, naming the command. */
  async recordSession(
    ctx: ChangeContext,
    info: ResourceInfo,
    session: { cluster: string; workspaceId?: string; statusCode: number; query: URLSearchParams },
  ): Promise<void> {
    const detail = {
      command: session.query.getAll('command'),
      container: session.query.get('container') ?? '',
      ...(info.subresource === 'portforward' && { ports: session.query.getAll('ports') }),
    };
    await this.#audit.recordChange(
      this.#db,
      {
        ...ctx,
        action: actionOf(info),
        targetType: CLUSTER_OBJECT,
        statusCode: session.statusCode,
        scope: {
          ...ctx.scope,
          clusterId: session.cluster,
          ...(session.workspaceId && { workspaceId: session.workspaceId }),
        },
      },
      { targetId: objectTarget(info), diff: { after: detail } },
    );
    ctx.recorded = true;
  }

  /** One record per self review (`kubectl auth can-i`, `whoami`): the question and the answer. */
  async recordReview(
    ctx: ChangeContext,
    review: { cluster: string; targetId: string; answer: Record<string, unknown> },
  ): Promise<void> {
    await this.#audit.recordChange(
      this.#db,
      { ...ctx, statusCode: 201, scope: { ...ctx.scope, clusterId: review.cluster } },
      { targetId: review.targetId, diff: { after: review.answer } },
    );
    ctx.recorded = true;
  }
}
