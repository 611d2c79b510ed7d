import { reactive } from 'vue';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kubeTypes';
import { clusterColumn, clusterSearchResult } from './clusterSearch';

const pod = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name },
});

describe('a search across clusters', () => {
  it('lists every cluster’s objects with their cluster, and the clusters that failed', () => {
    const east = pod('shop', 'web-1');
    const west = pod('shop', 'web-1');
    const result = clusterSearchResult({
      clusters: [
        { cluster: 'east', items: [east], total: 3, continue: 'x', resourceVersion: '5' },
        { cluster: 'down', error: { code: 'CLUSTER_UNREACHABLE', message: 'connection refused' } },
        { cluster: 'west', items: [west], total: 1, continue: '', resourceVersion: '9' },
      ],
    });
    expect(result.items).toEqual([east, west]);
    expect(result.total).toBe(4);
    expect(result.failures).toEqual([{ cluster: 'down', message: 'connection refused' }]);
    const column = clusterColumn(result.clusterOf);
    expect(result.items.map((object) => column.value(object, 0))).toEqual(['east', 'west']);
    // Tables hand their rows back as reactive proxies.
    expect(column.value(reactive(west), 0)).toBe('west');
  });
});
