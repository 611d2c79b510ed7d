/**
 * Container series in the shape the kubelet's cAdvisor endpoint exposes them (plus a `node`
 * label, as the usual kubelet scrape configuration adds): CPU, memory working set, file system
 * and (per pod, on the sandbox) network counters.
 */
import type { PrometheusText } from './prometheus-text.ts';
import type { ContainerState, PodState, UsageTracker } from './usage-tracker.ts';

function qosOf(state: PodState): string {
  const qos = (state.pod.status as { qosClass?: string } | undefined)?.qosClass ?? 'BestEffort';
  return qos.toLowerCase();
}

function cgroup(state: PodState, container?: ContainerState): string {
  const qos = qosOf(state);
  const pod = `pod${state.pod.metadata.uid ?? ''}`;
  const base = qos === 'guaranteed' ? `/kubepods/${pod}` : `/kubepods/${qos}/${pod}`;
  return container === undefined ? base : `${base}/${container.containerID.replace(/^[a-z]+:\/\//, '')}`;
}

export function writeCadvisorSeries(out: PrometheusText, tracker: UsageTracker, now: number): void {
  const cpu: [Record<string, string>, number][] = [];
  const memory: [Record<string, string>, number][] = [];
  const reads: [Record<string, string>, number][] = [];
  const writes: [Record<string, string>, number][] = [];
  const rx: [Record<string, string>, number][] = [];
  const tx: [Record<string, string>, number][] = [];
  for (const state of tracker.runningPods()) {
    const namespace = state.pod.metadata.namespace ?? '';
    const pod = state.pod.metadata.name ?? '';
    for (const container of state.containers.values()) {
      const labels = {
        container: container.name,
        id: cgroup(state, container),
        image: container.image,
        name: container.containerID.replace(/^[a-z]+:\/\//, ''),
        namespace,
        node: state.node,
        pod,
      };
      const usage = tracker.containerUsage(container, now);
      const counters = tracker.containerCounters(container, now);
      cpu.push([{ ...labels, cpu: 'total' }, counters.cpuSeconds]);
      memory.push([labels, usage.memoryBytes]);
      reads.push([{ ...labels, device: '/dev/sda' }, counters.fsReads]);
      writes.push([{ ...labels, device: '/dev/sda' }, counters.fsWrites]);
    }
    const network = tracker.podNetwork(state, now);
    const sandbox = {
      container: 'POD',
      id: cgroup(state),
      image: 'registry.k8s.io/pause:3.10',
      interface: 'eth0',
      name: '',
      namespace,
      node: state.node,
      pod,
    };
    rx.push([sandbox, network.rx]);
    tx.push([sandbox, network.tx]);
  }
  out.series('container_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed in seconds.', cpu);
  out.series('container_memory_working_set_bytes', 'gauge', 'Current working set in bytes.', memory);
  out.series('container_fs_reads_bytes_total', 'counter', 'Cumulative count of bytes read', reads);
  out.series('container_fs_writes_bytes_total', 'counter', 'Cumulative count of bytes written', writes);
  out.series('container_network_receive_bytes_total', 'counter', 'Cumulative count of bytes received', rx);
  out.series(
    'container_network_transmit_bytes_total',
    'counter',
    'Cumulative count of bytes transmitted',
    tx,
  );
}
