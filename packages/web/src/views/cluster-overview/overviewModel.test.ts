import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../api/clusterTypes';
import { clusterTotals, gaugeOption, phaseDonutOption } from './overviewModel';

function node(name: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return {
    name,
    roles: [],
    status: 'Ready',
    schedulable: true,
    version: 'v1.33.1',
    internalIP: '10.0.0.1',
    osImage: '',
    containerRuntime: '',
    architecture: 'amd64',
    createdAt: null,
    labels: {},
    taints: [],
    allocatable: { cpu: 8, memory: 32, pods: 110 },
    requested: { cpu: 2, memory: 8, pods: 10 },
    usage: { cpu: 1, memory: 4 },
    ...extra,
  };
}

describe('cluster overview', () => {
  it('sums capacity, requests and usage over the nodes and counts their states', () => {
    const totals = clusterTotals([node('a'), node('b', { status: 'NotReady', schedulable: false })]);
    expect(totals.cpu).toEqual({ allocatable: 16, requested: 4, used: 2 });
    expect(totals.pods).toEqual({ allocatable: 220, requested: 20, used: null });
    expect(totals.nodes).toEqual({ ready: 1, notReady: 1, unknown: 0, cordoned: 1, total: 2 });
  });

  it('has no usage when a node reports none (no metrics API)', () => {
    expect(clusterTotals([node('a'), node('b', { usage: null })]).memory.used).toBeNull();
  });

  it('draws a ring per measure and leaves empty phases out of the donut', () => {
    const gauge = gaugeOption(
      { allocatable: 16, requested: 4, used: 2 },
      { requested: 'Requested', used: 'Used' },
    );
    expect(gauge.series[0]!.data.map((d) => [d.name, d.value])).toEqual([
      ['Requested', 25],
      ['Used', 13],
    ]);
    const donut = phaseDonutOption({ Running: 5, Pending: 0, Failed: 1 }, 'pods');
    expect(donut.series[0]!.data.map((d) => d.name)).toEqual(['Running', 'Failed']);
    expect(donut.title.text).toBe('6');
  });
});
