import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.ts';
import { SettingsStore } from './store.ts';

describeEachDatabase('settings store', (t) => {
  const store = new SettingsStore();

  it('returns undefined for an unknown setting', async () => {
    expect(await store.get(t.db(), 'nope')).toBeUndefined();
  });

  it('keeps the first value written by getOrInsert', async () => {
    expect(await store.getOrInsert(t.db(), 'generated', 'first', 1)).toBe('first');
    expect(await store.getOrInsert(t.db(), 'generated', 'second', 2)).toBe('first');
  });

  it('put inserts then overwrites', async () => {
    await store.put(t.db(), 'flag', 'a', 1);
    await store.put(t.db(), 'flag', 'b', 2);
    expect(await store.get(t.db(), 'flag')).toBe('b');
  });
});
