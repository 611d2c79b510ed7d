import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { expect, it } from 'vitest';
import type { AuditEventsTable } from '../core/db/schema.ts';
import { describeEachDatabase } from '../core/db/test-databases.ts';
import { AuditStore, type AuditCursor } from './store.ts';

describeEachDatabase('audit store', (t) => {
  const store = new AuditStore();
  const tag = randomUUID().slice(0, 8);

  function event(overrides: Partial<Insertable<AuditEventsTable>>): Insertable<AuditEventsTable> {
    return {
      id: randomUUID(),
      occurred_at: 1_000,
      actor_type: 'user',
      actor_id: 'u1',
      actor_name: `alice-${tag}`,
      source_ip: '10.0.0.1',
      action: 'users.create',
      target_type: 'user',
      target_id: 'x',
      cluster_id: '',
      project_id: '',
      workspace_id: '',
      application_id: '',
      status_code: 201,
      error_code: '',
      outcome: 'success',
      diff: null,
      ...overrides,
    };
  }

  it('filters by every field and pages newest first', async () => {
    const events = [
      event({ occurred_at: 1_000 }),
      event({ occurred_at: 2_000, action: 'users.delete', status_code: 204 }),
      event({ occurred_at: 3_000, action: 'roles.create', target_type: 'role', project_id: 'p1' }),
      event({
        occurred_at: 4_000,
        outcome: 'failure',
        status_code: 403,
        error_code: 'FORBIDDEN',
        cluster_id: 'c1',
      }),
      event({ occurred_at: 5_000, workspace_id: 'w1', application_id: 'app1', actor_name: `bob-${tag}` }),
    ];
    for (const e of events) await store.insert(t.db(), e);
    const mine = { actor: `alice-${tag}` };
    const ids = async (filter: object) =>
      (await store.list(t.db(), { ...mine, ...filter }, { limit: 50, offset: 0 })).rows.map(
        (r) => r.occurred_at,
      );

    expect(await ids({})).toEqual([4_000, 3_000, 2_000, 1_000]);
    expect(await ids({ from: 2_000, to: 4_000 })).toEqual([3_000, 2_000]);
    expect(await ids({ action: 'users.*' })).toEqual([4_000, 2_000, 1_000]);
    expect(await ids({ action: 'users.delete' })).toEqual([2_000]);
    expect(await ids({ targetType: 'role', projectId: 'p1' })).toEqual([3_000]);
    expect(await ids({ outcome: 'failure', clusterId: 'c1' })).toEqual([4_000]);
    expect(await ids({ actor: 'u1', workspaceId: 'w1', applicationId: 'app1' })).toEqual([5_000]);

    const page = await store.list(t.db(), mine, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.occurred_at)).toEqual([3_000, 2_000]);
  });

  it('walks all rows with a cursor, even when times collide', async () => {
    const actor = `cursor-${tag}`;
    for (let i = 0; i < 7; i++)
      await store.insert(t.db(), event({ actor_name: actor, occurred_at: 10_000 + (i % 3) }));
    const seen: string[] = [];
    let cursor: AuditCursor | null = null;
    for (;;) {
      const rows = await store.pageAfter(t.db(), { actor }, cursor, 3);
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (!last) break;
      cursor = { occurredAt: last.occurred_at, id: last.id };
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('keeps the diff JSON text as written', async () => {
    const row = event({ actor_name: `diff-${tag}`, diff: JSON.stringify({ after: { name: '名字' } }) });
    await store.insert(t.db(), row);
    const { rows } = await store.list(t.db(), { actor: `diff-${tag}` }, { limit: 1, offset: 0 });
    expect(JSON.parse(rows[0]?.diff ?? 'null')).toEqual({ after: { name: '名字' } });
  });
});
