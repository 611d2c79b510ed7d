import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { Executor } from '../core/db/schema.ts';
import type { AuditEntry, ChangeContext } from './audit-entry.ts';
import type { AuditDiff } from './diff.ts';
import type { AuditStore } from './store.ts';

/** Writes audit records; services call it with their transaction so change and record commit together. */
export class AuditRecorder {
  readonly #store: AuditStore;
  readonly #clock: Clock;

  constructor(store: AuditStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  async write(db: Executor, entry: AuditEntry): Promise<void> {
    const s = entry.scope;
    await this.#store.insert(db, {
      id: randomUUID(),
      occurred_at: this.#clock.now(),
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name.slice(0, 255),
      source_ip: entry.sourceIp,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId.slice(0, 255),
      cluster_id: s.clusterId ?? '',
      project_id: s.projectId ?? '',
      workspace_id: s.workspaceId ?? '',
      application_id: s.applicationId ?? '',
      status_code: entry.statusCode,
      error_code: entry.errorCode,
      outcome: entry.statusCode < 400 ? 'success' : 'failure',
      diff: entry.diff ? JSON.stringify(entry.diff) : null,
    });
  }

  /** Records the successful change described by `context`, inside the change's transaction. */
  async recordChange(
    tx: Executor,
    context: ChangeContext,
    change: { targetId: string; diff?: AuditDiff | null; actor?: ChangeContext['actor'] },
  ): Promise<void> {
    await this.write(tx, {
      actor: change.actor ?? context.actor,
      sourceIp: context.sourceIp,
      action: context.action,
      targetType: context.targetType,
      targetId: change.targetId,
      scope: context.scope,
      statusCode: context.statusCode,
      errorCode: '',
      diff: change.diff ?? null,
    });
    context.recorded = true;
  }
}
