import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kubeTypes';
import { applyWatchEvent, compareObjects, isNewer } from './liveList';

const pod = (name: string, extra: Partial<KubeObject['metadata']> = {}, phase = 'Running'): KubeObject => ({
  metadata: {
    name,
    namespace: 'shop',
    uid: `uid-${name}`,
    creationTimestamp: '2025-01-01T00:00:00Z',
    ...extra,
  },
  status: { phase },
});
const names = (items: KubeObject[]) => items.map((i) => i.metadata.name);
const view = { search: '', sort: 'name', pageSize: 3 };

describe('a live list page', () => {
  it('inserts a new object where the server would sort it', () => {
    const { items, totalDelta } = applyWatchEvent(
      [pod('a'), pod('c')],
      { type: 'ADDED', object: pod('b'), resourceVersion: '5' },
      view,
    );
    expect(names(items)).toEqual(['a', 'b', 'c']);
    expect(totalDelta).toBe(1);
  });

  it('keeps a full page full: an object sorting after it counts but shows on the next page', () => {
    const page = [pod('a'), pod('b'), pod('c')];
    const after = applyWatchEvent(page, { type: 'ADDED', object: pod('z'), resourceVersion: '5' }, view);
    expect(names(after.items)).toEqual(['a', 'b', 'c']);
    expect(after.totalDelta).toBe(1);
    const within = applyWatchEvent(page, { type: 'ADDED', object: pod('bb'), resourceVersion: '6' }, view);
    expect(names(within.items)).toEqual(['a', 'b', 'bb']);
  });

  it('replaces a modified object and removes a deleted one', () => {
    const page = [pod('a'), pod('b')];
    const modified = applyWatchEvent(
      page,
      { type: 'MODIFIED', object: pod('b', {}, 'Failed'), resourceVersion: '7' },
      view,
    );
    expect(modified.items[1]!.status.phase).toBe('Failed');
    expect(modified.totalDelta).toBe(0);
    const deleted = applyWatchEvent(page, { type: 'DELETED', object: pod('a'), resourceVersion: '8' }, view);
    expect(names(deleted.items)).toEqual(['b']);
    expect(deleted.totalDelta).toBe(-1);
  });

  it('honours the search and ignores changes to objects on other pages', () => {
    const page = [pod('web-1')];
    const searched = { ...view, search: 'web' };
    expect(
      applyWatchEvent(page, { type: 'ADDED', object: pod('api-1'), resourceVersion: '9' }, searched)
        .totalDelta,
    ).toBe(0);
    const elsewhere = applyWatchEvent(
      page,
      { type: 'MODIFIED', object: pod('web-9'), resourceVersion: '9' },
      searched,
    );
    expect(names(elsewhere.items)).toEqual(['web-1']);
    expect(elsewhere.totalDelta).toBe(0);
  });

  it('sorts by status and age like the server, descending with a minus', () => {
    const items = [pod('a', {}, 'Running'), pod('b', {}, 'Pending')].sort(compareObjects('status'));
    expect(names(items)).toEqual(['b', 'a']);
    const byAge = [pod('old', { creationTimestamp: '2024-01-01T00:00:00Z' }), pod('new')].sort(
      compareObjects('-creationTimestamp'),
    );
    expect(names(byAge)).toEqual(['new', 'old']);
    expect(isNewer('12', '9')).toBe(true);
    expect(isNewer('9', '12')).toBe(false);
  });
});
