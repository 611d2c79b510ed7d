import { describe, expect, it } from 'vitest';
import { encodeClusterLists, encodeList, encodeObject } from './list-encoding.ts';

describe('list encoding', () => {
  it('is the JSON of the page, and reuses an object’s bytes until the object is replaced', () => {
    const web = { metadata: { name: 'web', labels: { 'a"b': 'ü' } } };
    const page = {
      items: [web, { metadata: { name: 'db' } }],
      continue: 'x"y',
      total: 7,
      resourceVersion: '42',
    };
    expect(JSON.parse(encodeList(page).toString('utf8'))).toEqual(page);
    expect(JSON.parse(encodeList({ ...page, items: [] }).toString('utf8')).items).toEqual([]);
    expect(encodeObject(web)).toBe(encodeObject(web));
    expect(encodeObject({ ...web })).not.toBe(encodeObject(web));
  });

  it('puts each cluster’s page or error side by side', () => {
    const page = { items: [{ metadata: { name: 'web' } }], continue: '', total: 1, resourceVersion: '9' };
    const error = { code: 'CLUSTER_UNREACHABLE', message: 'down "now"', details: { cluster: 'b' } };
    const results = [
      { cluster: 'a', list: page },
      { cluster: 'b', error },
    ];
    expect(JSON.parse(encodeClusterLists(results).toString('utf8'))).toEqual({
      clusters: [
        { cluster: 'a', ...page },
        { cluster: 'b', error },
      ],
    });
    expect(JSON.parse(encodeClusterLists([]).toString('utf8'))).toEqual({ clusters: [] });
  });
});
