import { describe, expect, it } from 'vitest';
import { statusOf, viewOf } from './list-view.ts';

const pod = (namespace: string, name: string, phase: string, created: string) => ({
  metadata: { namespace, name, creationTimestamp: created },
  status: { phase },
});

const pods = [
  pod('shop', 'web-2', 'Running', '2025-01-02T00:00:00Z'),
  pod('shop', 'web-1', 'Pending', '2025-01-03T00:00:00Z'),
  pod('blog', 'web-1', 'Running', '2025-01-01T00:00:00Z'),
  pod('blog', 'db-0', 'Failed', '2025-01-04T00:00:00Z'),
];
const ids = (items: typeof pods) => items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

describe('list views', () => {
  it('sorts by each field, descending with -, ties broken by namespace and name', () => {
    expect(ids(viewOf(pods, {}, { list: 'q' }).items as typeof pods)).toEqual([
      'blog/db-0',
      'blog/web-1',
      'shop/web-1',
      'shop/web-2',
    ]);
    expect(ids(viewOf(pods, { sort: '-creationTimestamp' }, { list: 'q' }).items as typeof pods)[0]).toBe(
      'blog/db-0',
    );
    expect(ids(viewOf(pods, { sort: 'status' }, { list: 'q' }).items as typeof pods)).toEqual([
      'blog/db-0',
      'shop/web-1',
      'blog/web-1',
      'shop/web-2',
    ]);
    expect(() => viewOf(pods, { sort: 'size' }, { list: 'q' })).toThrow(/sort must be one of/);
  });

  it('searches names and pages with a continue token that belongs to its query', () => {
    const first = viewOf(pods, { search: 'WEB', limit: 2 }, { list: 'q' });
    expect(first.total).toBe(3);
    expect(ids(first.items as typeof pods)).toEqual(['blog/web-1', 'shop/web-1']);
    const second = viewOf(pods, { search: 'web', limit: 2, continue: first.continue }, { list: 'q' });
    expect(ids(second.items as typeof pods)).toEqual(['shop/web-2']);
    expect(second.continue).toBe('');
    expect(() => viewOf(pods, { limit: 2, continue: first.continue }, { list: 'other' })).toThrow(/continue/);
  });

  it('reads a status from the phase or the Ready/Available condition', () => {
    expect(statusOf({ status: { conditions: [{ type: 'Available', status: 'True' }] } })).toBe(
      'Available=True',
    );
    expect(statusOf({})).toBe('');
  });
});
