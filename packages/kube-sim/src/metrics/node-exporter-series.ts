/**
 * Host series in the shape node-exporter exposes them, one set per node (labelled `node` and
 * `instance` with the node name, as kube-prometheus relabels them): CPU seconds per cpu and
 * mode, available memory, root file system and eth0 traffic.
 */
import type { KubeObject } from '../types.ts';
import { toNumber, tryParseQuantity } from '../admission/quantity.ts';
import type { Labels, PrometheusText } from './prometheus-text.ts';
import type { UsageTracker } from './usage-tracker.ts';

const MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];
/** The root file system holds the OS, images and logs besides what pods write. */
const BASE_FS_USED_BYTES = 12 * 2 ** 30;
const FS_USED_PER_CONTAINER = 64 * 2 ** 20;

function capacityOf(node: KubeObject, resource: string, fallback: number): number {
  const q = tryParseQuantity(
    (node.status as { capacity?: Record<string, unknown> } | undefined)?.capacity?.[resource],
  );
  return q === undefined ? fallback : toNumber(q);
}

export function writeNodeExporterSeries(out: PrometheusText, tracker: UsageTracker, now: number): void {
  const cpu: [Labels, number][] = [];
  const memAvailable: [Labels, number][] = [];
  const memTotal: [Labels, number][] = [];
  const fsAvail: [Labels, number][] = [];
  const fsSize: [Labels, number][] = [];
  const rx: [Labels, number][] = [];
  const tx: [Labels, number][] = [];
  for (const node of tracker.nodeList()) {
    const name = node.metadata.name ?? '';
    const base = { instance: name, node: name };
    const cpus = Math.max(1, Math.round(capacityOf(node, 'cpu', 1)));
    const counters = tracker.nodeCounters(node, now);
    // Busy time is spread evenly over the CPUs: 70 % user, 30 % system; the rest is idle.
    const busyPerCpu = counters.cpuSeconds / cpus;
    for (let i = 0; i < cpus; i++) {
      for (const mode of MODES) {
        const value =
          mode === 'user'
            ? busyPerCpu * 0.7
            : mode === 'system'
              ? busyPerCpu * 0.3
              : mode === 'idle'
                ? Math.max(0, counters.uptimeSeconds - busyPerCpu)
                : 0;
        cpu.push([{ ...base, cpu: String(i), mode }, value]);
      }
    }
    const memory = capacityOf(node, 'memory', 0);
    const used = tracker.nodeUsage(node, now).memoryBytes;
    memAvailable.push([base, Math.max(0, memory - used)]);
    memTotal.push([base, memory]);
    const disk = capacityOf(node, 'ephemeral-storage', 100 * 2 ** 30);
    const containers = tracker.podsOn(name).reduce((n, s) => n + s.containers.size, 0);
    const fsLabels = { ...base, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
    fsAvail.push([fsLabels, Math.max(0, disk - BASE_FS_USED_BYTES - containers * FS_USED_PER_CONTAINER)]);
    fsSize.push([fsLabels, disk]);
    rx.push([{ ...base, device: 'eth0' }, counters.rxBytes]);
    tx.push([{ ...base, device: 'eth0' }, counters.txBytes]);
  }
  out.series('node_cpu_seconds_total', 'counter', 'Seconds the CPUs spent in each mode.', cpu);
  out.series(
    'node_memory_MemAvailable_bytes',
    'gauge',
    'Memory information field MemAvailable_bytes.',
    memAvailable,
  );
  out.series('node_memory_MemTotal_bytes', 'gauge', 'Memory information field MemTotal_bytes.', memTotal);
  out.series(
    'node_filesystem_avail_bytes',
    'gauge',
    'Filesystem space available to non-root users in bytes.',
    fsAvail,
  );
  out.series('node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.', fsSize);
  out.series('node_network_receive_bytes_total', 'counter', 'Network device statistic receive_bytes.', rx);
  out.series('node_network_transmit_bytes_total', 'counter', 'Network device statistic transmit_bytes.', tx);
}
