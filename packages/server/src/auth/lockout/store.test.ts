import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { LoginAttemptStore } from './store.ts';

describeEachDatabase('login attempts store', (t) => {
  const store = new LoginAttemptStore();

  it('returns the latest attempts for one username, newest first', async () => {
    for (const [at, succeeded] of [
      [100, false],
      [300, true],
      [200, false],
    ] as const) {
      await store.record(t.db(), { username: 'latest', sourceIp: '10.0.0.1', succeeded, at });
    }
    await store.record(t.db(), { username: 'someone-else', sourceIp: '10.0.0.1', succeeded: false, at: 400 });
    expect(await store.latest(t.db(), 'latest', 2)).toEqual([
      { succeeded: true, attemptedAt: 300 },
      { succeeded: false, attemptedAt: 200 },
    ]);
  });

  it('forgets old attempts', async () => {
    await store.record(t.db(), { username: 'old', sourceIp: '::1', succeeded: false, at: 10 });
    await store.record(t.db(), { username: 'old', sourceIp: '::1', succeeded: false, at: 1000 });
    await store.deleteOlderThan(t.db(), 500);
    expect(await store.latest(t.db(), 'old', 10)).toEqual([{ succeeded: false, attemptedAt: 1000 }]);
  });
});
