import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { AuditEntry } from './audit-entry.ts';
import type { AuditRecorder } from './recorder.ts';

/** Beyond this many unwritten entries (the database is down), new ones are dropped and logged. */
export const AUDIT_QUEUE_LIMIT = 10_000;

/**
 * Failures and denials are recorded off the request path: the response never waits for,
 * nor fails because of, the audit write. Entries are written one at a time in order;
 * a write that fails is logged and dropped.
 */
export class AuditQueue {
  readonly #db: Kysely<DB>;
  readonly #recorder: AuditRecorder;
  readonly #log: FastifyBaseLogger;
  readonly #limit: number;
  readonly #pending: AuditEntry[] = [];
  #running: Promise<void> | null = null;

  constructor(db: Kysely<DB>, recorder: AuditRecorder, log: FastifyBaseLogger, limit = AUDIT_QUEUE_LIMIT) {
    this.#db = db;
    this.#recorder = recorder;
    this.#log = log;
    this.#limit = limit;
  }

  enqueue(entry: AuditEntry): void {
    if (this.#pending.length >= this.#limit) {
      this.#log.error({ action: entry.action, actor: entry.actor.name }, 'audit queue full: record dropped');
      return;
    }
    this.#pending.push(entry);
    this.#running ??= this.#run();
  }

  /** Resolves once everything enqueued so far is written (or has failed and been logged). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    try {
      for (let entry = this.#pending.shift(); entry; entry = this.#pending.shift()) {
        try {
          await this.#recorder.write(this.#db, entry);
        } catch (error) {
          this.#log.error({ err: error, action: entry.action }, 'could not write audit record');
        }
      }
    } finally {
      this.#running = null;
    }
  }
}
