import type { Condition, KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef, type StatusText, type Tone } from './columns';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; message?: string; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image: string;
  started?: boolean;
  state?: ContainerState;
  lastState?: ContainerState;
}

function containerStatuses(pod: KubeObject): ContainerStatus[] {
  return (pod.status?.containerStatuses ?? []) as ContainerStatus[];
}

function terminatedReason(terminated: NonNullable<ContainerState['terminated']>, prefix = ''): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  return terminated.signal
    ? `${prefix}Signal:${terminated.signal}`
    : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

function hasReadyCondition(pod: KubeObject): boolean {
  return ((pod.status?.conditions ?? []) as Condition[]).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
}

/** The pod's STATUS exactly as `kubectl get pods` computes it (printPod in kubectl's printers). */
export function podStatusReason(pod: KubeObject): string {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || 'Unknown';
  let initializing = false;
  const initSpecs = (pod.spec?.initContainers ?? []) as unknown[];
  const initStatuses = (status.initContainerStatuses ?? []) as ContainerStatus[];
  for (const [index, container] of initStatuses.entries()) {
    const state = container.state ?? {};
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (state.terminated) reason = terminatedReason(state.terminated, 'Init:');
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing')
      reason = `Init:${state.waiting.reason}`;
    else reason = `Init:${index}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    for (const container of [...containerStatuses(pod)].reverse()) {
      const state = container.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated) reason = terminatedReason(state.terminated);
      else if (container.ready && state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = hasReadyCondition(pod) ? 'Running' : 'NotReady';
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  return reason;
}

const GOOD = new Set(['Running', 'Completed', 'Succeeded']);
const WAITING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'NotReady']);

function toneOf(reason: string): Tone {
  if (GOOD.has(reason)) return 'success';
  if (WAITING.has(reason) || reason.startsWith('Init:') || reason === 'Unknown') return 'warning';
  return 'danger';
}

export function podStatus(pod: KubeObject): StatusText {
  const text = podStatusReason(pod);
  // A running pod whose containers are not all ready is not healthy yet.
  const tone = text === 'Running' && !podAllReady(pod) ? 'warning' : toneOf(text);
  return { text, tone };
}

function podAllReady(pod: KubeObject): boolean {
  const statuses = containerStatuses(pod);
  return statuses.length > 0 && statuses.every((c) => c.ready);
}

/** READY: ready containers / containers, e.g. `1/2`. */
export function podReady(pod: KubeObject): string {
  const total = ((pod.spec?.containers ?? []) as unknown[]).length;
  const ready = containerStatuses(pod).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

export function podRestarts(pod: KubeObject): number {
  return containerStatuses(pod).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

export function podImages(pod: KubeObject): string[] {
  return ((pod.spec?.containers ?? []) as { image?: string }[]).map((c) => c.image ?? '');
}

/** The controller that owns the pod (ReplicaSet, StatefulSet, Job…), if any. */
export function podOwner(pod: KubeObject) {
  const owners = pod.metadata.ownerReferences ?? [];
  return owners.find((o) => o.controller) ?? owners[0];
}

export interface ContainerView {
  name: string;
  image: string;
  init: boolean;
  ready: boolean;
  restarts: number;
  /** running / waiting / terminated, with kubectl's reason. */
  state: StatusText;
  /** The reason of the previous run, when the container restarted. */
  lastState: string;
  ports: string;
}

function stateText(state: ContainerState | undefined): StatusText {
  if (state?.running) return { text: 'Running', tone: 'success' };
  if (state?.terminated) {
    const ok = (state.terminated.exitCode ?? 0) === 0;
    return { text: terminatedReason(state.terminated), tone: ok ? 'info' : 'danger' };
  }
  if (state?.waiting) {
    const reason = state.waiting.reason ?? 'Waiting';
    return { text: reason, tone: reason === 'ContainerCreating' ? 'warning' : 'danger' };
  }
  return { text: 'Waiting', tone: 'warning' };
}

/** Every container of the pod, init containers first, with its state from the pod's status. */
export function podContainers(pod: KubeObject): ContainerView[] {
  type Spec = { name: string; image?: string; ports?: { containerPort: number; protocol?: string }[] };
  const describe = (specs: Spec[], statuses: ContainerStatus[], init: boolean) =>
    specs.map((spec): ContainerView => {
      const status = statuses.find((s) => s.name === spec.name);
      const last = status?.lastState?.terminated;
      return {
        name: spec.name,
        image: spec.image ?? '',
        init,
        ready: status?.ready ?? false,
        restarts: status?.restartCount ?? 0,
        state: stateText(status?.state),
        lastState: last ? terminatedReason(last) : '',
        ports: (spec.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '),
      };
    });
  return [
    ...describe(pod.spec?.initContainers ?? [], pod.status?.initContainerStatuses ?? [], true),
    ...describe(pod.spec?.containers ?? [], pod.status?.containerStatuses ?? [], false),
  ];
}

export const podColumns: ColumnDef[] = [
  textColumn('ready', podReady, { minWidth: 80 }),
  {
    ...textColumn('status', podStatusReason),
    render: 'status',
    status: podStatus,
    sort: 'status',
    minWidth: 170,
  },
  textColumn('restarts', podRestarts, { minWidth: 90 }),
  ageColumn,
  textColumn('ip', (pod) => pod.status?.podIP, { render: 'mono', minWidth: 120 }),
  textColumn('node', (pod) => pod.spec?.nodeName, { minWidth: 150 }),
];
