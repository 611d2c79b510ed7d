import { describe, expect, it } from 'vitest';
import { describeDiff, flatten } from './diff';

describe('describeDiff', () => {
  it('lists only the values an edit changed, added or removed', () => {
    const view = describeDiff({
      before: { displayName: 'Ann', email: 'ann@old.example', status: 'active', phone: '1' },
      after: { displayName: 'Ann', email: 'ann@new.example', status: 'disabled', title: 'SRE' },
    });
    expect(view).toEqual({
      kind: 'rows',
      rows: [
        { path: 'email', change: 'changed', before: '"ann@old.example"', after: '"ann@new.example"' },
        { path: 'phone', change: 'removed', before: '"1"' },
        { path: 'status', change: 'changed', before: '"active"', after: '"disabled"' },
        { path: 'title', change: 'added', after: '"SRE"' },
      ],
    });
  });

  it('shows a creation as every value added', () => {
    const view = describeDiff({ before: null, after: { name: 'ops', containers: [{ image: 'nginx' }] } });
    expect(view.kind === 'rows' && view.rows.map((r) => `${r.change} ${r.path}`)).toEqual([
      'added containers[0].image',
      'added name',
    ]);
  });

  it('compares a list of plain values as a whole', () => {
    const view = describeDiff({
      before: { permissions: ['audit:view', 'users:view'] },
      after: { permissions: ['audit:export', 'audit:view', 'users:view'] },
    });
    expect(view).toEqual({
      kind: 'rows',
      rows: [
        {
          path: 'permissions',
          change: 'changed',
          before: '["audit:view","users:view"]',
          after: '["audit:export","audit:view","users:view"]',
        },
      ],
    });
  });

  it('reports no diff for events without one or with nothing changed', () => {
    expect(describeDiff(null)).toEqual({ kind: 'none' });
    expect(describeDiff({ before: { a: 1 }, after: { a: 1 } })).toEqual({ kind: 'none' });
  });

  it('shows an unknown diff shape as JSON rather than dropping it', () => {
    expect(describeDiff([{ op: 'replace', path: '/spec/replicas', value: 3 }])).toMatchObject({
      kind: 'raw',
    });
  });
});

describe('flatten', () => {
  it('tells a number from a string', () => {
    expect(flatten({ replicas: 3, tag: '3' })).toEqual({ replicas: '3', tag: '"3"' });
  });
});
