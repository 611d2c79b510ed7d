import { describe, expect, it } from 'vitest';
import { metadataPatch } from './metadataPatch';

describe('editing a node’s labels', () => {
  it('sends only what changed, and null for removed keys', () => {
    const current = { 'kubernetes.io/os': 'linux', zone: 'a', team: 'web' };
    const rows = [
      { key: 'kubernetes.io/os', value: 'linux' },
      { key: 'zone', value: 'b' },
      { key: 'gpu', value: 'true' },
      { key: '  ', value: 'ignored' },
    ];
    expect(metadataPatch('labels', current, rows)).toEqual({
      metadata: { labels: { team: null, zone: 'b', gpu: 'true' } },
    });
  });
});
