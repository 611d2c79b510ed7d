import { describe, expect, it } from 'vitest';
import type { ClusterListItem } from '../../api/clusterTypes';
import { environmentTone, filterClusters, requestedPercent, usageTone, withStatus } from './clusterList';

function cluster(name: string, extra: Partial<ClusterListItem> = {}): ClusterListItem {
  return {
    name,
    displayName: name.toUpperCase(),
    description: '',
    environment: 'dev',
    region: 'east',
    credential: { type: 'kubeconfig', server: 'https://x', insecureSkipTLSVerify: false },
    warnings: [],
    status: { phase: 'Ready', message: 'ok', lastReadyTime: null, version: 'v1.33.1' },
    createdAt: '',
    updatedAt: '',
    nodeCount: 3,
    allocatable: { cpu: 24, memory: 96 },
    requested: { cpu: 6, memory: 90 },
    summaryError: null,
    ...extra,
  };
}

describe('cluster list', () => {
  it('replaces only the status of the cluster the stream reported', () => {
    const items = [cluster('dev'), cluster('prod')];
    const next = withStatus(items, 'prod', {
      phase: 'Unreachable',
      message: 'refused',
      lastReadyTime: null,
      version: null,
    });
    expect(next.map((c) => c.status.phase)).toEqual(['Ready', 'Unreachable']);
    expect(next[0]).toBe(items[0]);
  });

  it('computes requested percentages and colours them', () => {
    expect(requestedPercent(cluster('dev'), 'cpu')).toBe(25);
    expect(usageTone(requestedPercent(cluster('dev'), 'memory')!)).toBe('danger');
    expect(requestedPercent(cluster('dev', { allocatable: null }), 'cpu')).toBeNull();
  });

  it('colours known environments and searches names, regions and phases', () => {
    expect(environmentTone('Production')).toBe('danger');
    expect(environmentTone('edge')).toBe('info');
    const items = [
      cluster('dev'),
      cluster('prod', { region: 'west', status: { ...cluster('x').status, phase: 'Degraded' } }),
    ];
    expect(filterClusters(items, 'WEST', '').map((c) => c.name)).toEqual(['prod']);
    expect(filterClusters(items, '', 'Ready').map((c) => c.name)).toEqual(['dev']);
  });
});
