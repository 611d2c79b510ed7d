import { sql, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { AuditEventsTable, DB, Executor } from '../core/db/schema.ts';

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface AuditFilter {
  /** Inclusive lower bound, epoch millis. */
  from?: number;
  /** Exclusive upper bound, epoch millis. */
  to?: number;
  /** Matches the actor's id or name. */
  actor?: string;
  /** Exact action, or a prefix when it ends in `*` (`users.*`). */
  action?: string;
  targetType?: string;
  clusterId?: string;
  projectId?: string;
  workspaceId?: string;
  applicationId?: string;
  outcome?: 'success' | 'failure';
}

/** Newest first; (occurred_at, id) keeps the order total so pages never overlap. */
export interface AuditCursor {
  occurredAt: number;
  id: string;
}

type AuditQuery = SelectQueryBuilder<DB, 'audit_events', object>;

function applyFilter(query: AuditQuery, filter: AuditFilter): AuditQuery {
  let q = query;
  if (filter.from !== undefined) q = q.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('occurred_at', '<', filter.to);
  const actor = filter.actor;
  if (actor) q = q.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_name', '=', actor)]));
  if (filter.action?.endsWith('*')) {
    const prefix = filter.action.slice(0, -1).replace(/[!%_]/g, (c) => `!${c}`);
    q = q.where(sql<SqlBool>`${sql.ref('action')} like ${`${prefix}%`} escape '!'`);
  } else if (filter.action) {
    q = q.where('action', '=', filter.action);
  }
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.clusterId) q = q.where('cluster_id', '=', filter.clusterId);
  if (filter.projectId) q = q.where('project_id', '=', filter.projectId);
  if (filter.workspaceId) q = q.where('workspace_id', '=', filter.workspaceId);
  if (filter.applicationId) q = q.where('application_id', '=', filter.applicationId);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  return q;
}

export class AuditStore {
  async insert(db: Executor, row: Insertable<AuditEventsTable>): Promise<void> {
    await db.insertInto('audit_events').values(row).execute();
  }

  async list(
    db: Executor,
    filter: AuditFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: AuditEventRow[]; total: number }> {
    const base = applyFilter(db.selectFrom('audit_events'), filter);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  }

  /** One page after `cursor`, for exports that must not hold a connection while streaming. */
  pageAfter(
    db: Executor,
    filter: AuditFilter,
    cursor: AuditCursor | null,
    limit: number,
  ): Promise<AuditEventRow[]> {
    let query = applyFilter(db.selectFrom('audit_events'), filter);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('occurred_at', '<', cursor.occurredAt),
          eb.and([eb('occurred_at', '=', cursor.occurredAt), eb('id', '<', cursor.id)]),
        ]),
      );
    }
    return query.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }
}
