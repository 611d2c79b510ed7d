import { toIsoTime } from '../core/clock.ts';
import type { Executor } from '../core/db/schema.ts';
import { csvLine } from './csv.ts';
import type { AuditEvent } from './schemas.ts';
import type { AuditCursor, AuditEventRow, AuditFilter, AuditStore } from './store.ts';

const EXPORT_PAGE = 500;

const CSV_COLUMNS = [
  'time',
  'actorType',
  'actorId',
  'actorName',
  'sourceIp',
  'action',
  'targetType',
  'targetId',
  'clusterId',
  'projectId',
  'workspaceId',
  'applicationId',
  'statusCode',
  'errorCode',
  'outcome',
  'diff',
] as const;

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    time: toIsoTime(row.occurred_at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    sourceIp: row.source_ip,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    clusterId: row.cluster_id,
    projectId: row.project_id,
    workspaceId: row.workspace_id,
    applicationId: row.application_id,
    statusCode: row.status_code,
    errorCode: row.error_code,
    outcome: row.outcome,
    diff: row.diff === null ? null : (JSON.parse(row.diff) as Record<string, unknown>),
  };
}

/** Reading the audit log: filtered pages for the console, CSV for spreadsheets. */
export class AuditService {
  readonly #db: Executor;
  readonly #store: AuditStore;

  constructor(db: Executor, store: AuditStore) {
    this.#db = db;
    this.#store = store;
  }

  async list(filter: AuditFilter, page: { limit: number; offset: number }) {
    const { rows, total } = await this.#store.list(this.#db, filter, page);
    return { items: rows.map(toAuditEvent), total };
  }

  /**
   * CSV lines, header first, fetched a page at a time so a large export never holds a
   * database connection while the client reads slowly.
   */
  async *exportCsv(filter: AuditFilter): AsyncGenerator<string> {
    // A BOM so Excel opens UTF-8 (Chinese names) correctly.
    yield `\uFEFF${csvLine(CSV_COLUMNS)}`;
    let cursor: AuditCursor | null = null;
    for (;;) {
      const rows = await this.#store.pageAfter(this.#db, filter, cursor, EXPORT_PAGE);
      for (const row of rows) {
        const event = toAuditEvent(row);
        yield csvLine(
          CSV_COLUMNS.map((column) =>
            column === 'diff' ? (event.diff ? JSON.stringify(event.diff) : '') : event[column],
          ),
        );
      }
      const last = rows.at(-1);
      if (!last || rows.length < EXPORT_PAGE) return;
      cursor = { occurredAt: last.occurred_at, id: last.id };
    }
  }
}
