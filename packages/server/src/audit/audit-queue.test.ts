import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../core/db/test-databases.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { countRows } from '../testing/rows.ts';
import type { AuditEntry } from './audit-entry.ts';
import { AuditQueue } from './audit-queue.ts';
import { AuditRecorder } from './recorder.ts';
import { AuditStore } from './store.ts';

const LIMIT = 5;

function entry(action: string): AuditEntry {
  return {
    actor: { type: 'user', id: '', name: 'someone' },
    sourceIp: '10.0.0.9',
    action,
    targetType: 'user',
    targetId: '',
    scope: {},
    statusCode: 403,
    errorCode: 'FORBIDDEN',
    diff: null,
  };
}

describe('AuditQueue', () => {
  let database: TestDatabase;
  const logs: string[] = [];
  let queue: AuditQueue;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    const log = pino(
      new Writable({
        write(chunk: Buffer, _e, done) {
          logs.push(chunk.toString());
          done();
        },
      }),
    );
    queue = new AuditQueue(database.db, new AuditRecorder(new AuditStore(), new ManualClock()), log, LIMIT);
  });
  afterAll(async () => {
    await database.close();
  });

  it('writes entries in the background, in order', async () => {
    queue.enqueue(entry('first.thing'));
    queue.enqueue(entry('second.thing'));
    await queue.drain();
    const actions = await database.db.selectFrom('audit_events').select('action').orderBy('action').execute();
    expect(actions.map((a) => a.action)).toEqual(['first.thing', 'second.thing']);
  });

  it('drops and logs entries beyond its limit instead of growing without bound', async () => {
    const before = await countRows(database.db, 'audit_events');
    const flood = LIMIT + 10;
    for (let i = 0; i < flood; i++) queue.enqueue(entry('flood.thing'));
    await queue.drain();
    const written = (await countRows(database.db, 'audit_events')) - before;
    // One entry may already be in flight when the queue fills, so the limit plus one at most.
    expect(written).toBeGreaterThanOrEqual(LIMIT);
    expect(written).toBeLessThanOrEqual(LIMIT + 1);
    expect(logs.some((line) => line.includes('audit queue full'))).toBe(true);
  });
});
