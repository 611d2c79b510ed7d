import { describe, expect, it } from 'vitest';
import { ChangeHistory, type CacheChange } from './change-history.ts';

function change(resourceVersion: string, name = `pod-${resourceVersion}`): CacheChange {
  return {
    type: 'ADDED',
    object: { metadata: { name, resourceVersion } },
    previous: undefined,
    resourceVersion,
  };
}

const versions = (changes: CacheChange[] | 'expired') =>
  changes === 'expired' ? changes : changes.map((c) => c.resourceVersion);

describe('ChangeHistory', () => {
  it('replays exactly the changes after a version, and nothing for the latest', () => {
    const history = new ChangeHistory(100);
    history.reset('10');
    for (const rv of ['11', '12', '15']) history.record(change(rv));
    expect(versions(history.since('10'))).toEqual(['11', '12', '15']);
    expect(versions(history.since('12'))).toEqual(['15']);
    expect(versions(history.since('13'))).toEqual(['15']);
    expect(versions(history.since('15'))).toEqual([]);
    history.advance('20');
    expect(versions(history.since('20'))).toEqual([]);
  });

  it('says expired for versions before the last list, after trimming, or not from this cluster', () => {
    const history = new ChangeHistory(4);
    history.reset('100');
    expect(history.since('99')).toBe('expired');
    expect(history.since('abc')).toBe('expired');
    expect(history.since('101')).toBe('expired');
    for (let rv = 101; rv <= 110; rv++) history.record(change(String(rv)));
    expect(history.since('100')).toBe('expired');
    expect(versions(history.since('108'))).toEqual(['109', '110']);
  });
});
