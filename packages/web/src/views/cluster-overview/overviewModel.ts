import type { Amounts, NodeSummary } from '../../api/clusterTypes';
import { percentOf } from '../../models/quantity';

export interface ResourceTotals {
  allocatable: number;
  requested: number;
  /** Null when the cluster has no metrics API (or a node reported none). */
  used: number | null;
}

export interface ClusterTotals {
  cpu: ResourceTotals;
  memory: ResourceTotals;
  pods: ResourceTotals;
  nodes: { ready: number; notReady: number; unknown: number; cordoned: number; total: number };
}

function total(nodes: NodeSummary[], pick: (node: NodeSummary) => number): number {
  return nodes.reduce((sum, node) => sum + pick(node), 0);
}

function usage(nodes: NodeSummary[], resource: keyof Amounts): number | null {
  if (!nodes.length || nodes.some((n) => n.usage === null)) return null;
  return total(nodes, (n) => n.usage![resource]);
}

/** The cluster's capacity, requests and usage, summed over its nodes, and how its nodes are. */
export function clusterTotals(nodes: NodeSummary[]): ClusterTotals {
  return {
    cpu: {
      allocatable: total(nodes, (n) => n.allocatable.cpu),
      requested: total(nodes, (n) => n.requested.cpu),
      used: usage(nodes, 'cpu'),
    },
    memory: {
      allocatable: total(nodes, (n) => n.allocatable.memory),
      requested: total(nodes, (n) => n.requested.memory),
      used: usage(nodes, 'memory'),
    },
    pods: {
      allocatable: total(nodes, (n) => n.allocatable.pods),
      requested: total(nodes, (n) => n.requested.pods),
      used: null,
    },
    nodes: {
      ready: nodes.filter((n) => n.status === 'Ready').length,
      notReady: nodes.filter((n) => n.status === 'NotReady').length,
      unknown: nodes.filter((n) => n.status === 'Unknown').length,
      cordoned: nodes.filter((n) => !n.schedulable).length,
      total: nodes.length,
    },
  };
}

/** An ECharts gauge with one ring per measure (requested, used) of one resource. */
export function gaugeOption(totals: ResourceTotals, labels: { requested: string; used: string }) {
  const data = [
    {
      value: Math.round(percentOf(totals.requested, totals.allocatable)),
      name: labels.requested,
      title: { offsetCenter: ['0%', '-12%'] },
      detail: { offsetCenter: ['0%', '6%'] },
      itemStyle: { color: '#2f6bf0' },
    },
  ];
  if (totals.used !== null) {
    data.push({
      value: Math.round(percentOf(totals.used, totals.allocatable)),
      name: labels.used,
      title: { offsetCenter: ['0%', '30%'] },
      detail: { offsetCenter: ['0%', '48%'] },
      itemStyle: { color: '#8e6cf0' },
    });
  }
  return {
    series: [
      {
        type: 'gauge',
        startAngle: 90,
        endAngle: -270,
        radius: '92%',
        pointer: { show: false },
        progress: { show: true, overlap: false, roundCap: true, clip: false, width: 10 },
        axisLine: { lineStyle: { width: data.length * 10 + 4, color: [[1, '#edf0f5']] } },
        splitLine: { show: false },
        axisTick: { show: false },
        axisLabel: { show: false },
        title: { fontSize: 11, color: '#6b7487' },
        detail: {
          width: 40,
          height: 12,
          fontSize: 15,
          fontWeight: 600,
          color: '#1f2633',
          formatter: '{value}%',
        },
        data,
      },
    ],
  };
}

export const PHASE_COLORS: Record<string, string> = {
  Running: '#3fb27f',
  Pending: '#e6a23c',
  Succeeded: '#2f6bf0',
  Failed: '#f56c6c',
  Unknown: '#a3abbd',
};

/** A donut of pods by phase (phases without pods left out). */
export function phaseDonutOption(counts: Record<string, number>, title: string) {
  const data = Object.entries(counts)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => ({ name, value, itemStyle: { color: PHASE_COLORS[name] } }));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8, textStyle: { color: '#4a5366' } },
    title: {
      text: String(total),
      subtext: title,
      left: '49%',
      top: '32%',
      textAlign: 'center',
      textStyle: { fontSize: 22, fontWeight: 700, color: '#1f2633' },
      subtextStyle: { fontSize: 12, color: '#6b7487' },
    },
    series: [
      {
        type: 'pie',
        radius: ['50%', '72%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data,
      },
    ],
  };
}
