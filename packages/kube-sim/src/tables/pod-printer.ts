/**
 * `kubectl get pods`: the STATUS column is not the phase but a reading of the container states,
 * in the order the real printer (printPod) reads them: init containers first (Init:1/2,
 * Init:CrashLoopBackOff, Init:ExitCode:1), then app containers from last to first (waiting
 * reason, terminated reason, ExitCode/Signal), then deletion (Terminating, Unknown on a lost
 * node). RESTARTS says when the last restart happened: `3 (2m ago)`.
 */
import type { KubeObject } from '../types.ts';
import { timestampSince } from './human-duration.ts';
import { ageColumn, at, column, doc, int, list, nameColumn, str, type Printer } from './printer.ts';

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

/** Sidecars: init containers with restartPolicy Always run for the pod's whole life. */
function isRestartableInit(container: unknown): boolean {
  return at(container, 'restartPolicy') === 'Always';
}

function laterOf(current: string, candidate: string | undefined): string {
  if (!candidate) return current;
  return !current || Date.parse(candidate) > Date.parse(current) ? candidate : current;
}

function terminatedReason(terminated: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
  return `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

export function podRow(pod: KubeObject, now: Date): unknown[] {
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  const status = (pod.status ?? {}) as Record<string, unknown>;
  const initSpecs = list(spec.initContainers);
  const initByName = new Map(initSpecs.map((c) => [str(at(c, 'name')), c]));
  const totalContainers = list(spec.containers).length + initSpecs.filter(isRestartableInit).length;
  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = '';
  let lastSidecarRestart = '';
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  const conditions = list(status.conditions);
  if (conditions.some((c) => at(c, 'type') === 'PodScheduled' && at(c, 'reason') === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses) as ContainerStatus[];
  for (const [i, container] of initStatuses.entries()) {
    restarts += int(container.restartCount);
    lastRestart = laterOf(lastRestart, container.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(initByName.get(container.name ?? ''));
    if (sidecar) {
      sidecarRestarts += int(container.restartCount);
      lastSidecarRestart = laterOf(lastSidecarRestart, container.lastState?.terminated?.finishedAt);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => at(c, 'type') === 'Initialized' && at(c, 'status') === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status.containerStatuses) as ContainerStatus[];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i] as ContainerStatus;
      restarts += int(container.restartCount);
      lastRestart = laterOf(lastRestart, container.lastState?.terminated?.finishedAt);
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (container.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose some containers completed while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning) {
      const ready = conditions.some((c) => at(c, 'type') === 'Ready' && at(c, 'status') === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = typeof pod.metadata.deletionTimestamp === 'string';
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartText =
    restarts !== 0 && lastRestart
      ? `${restarts} (${timestampSince(lastRestart, now)} ago)`
      : String(restarts);

  const podIP = str(at(status, 'podIPs', 0, 'ip')) || str(status.podIP) || '<none>';
  const gates = list(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const trueGates = gates.filter((g) =>
      conditions.some((c) => at(c, 'type') === at(g, 'conditionType') && at(c, 'status') === 'True'),
    ).length;
    readinessGates = `${trueGates}/${gates.length}`;
  }
  return [
    pod.metadata.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartText,
    timestampSince(pod.metadata.creationTimestamp, now),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}

export const podPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn(),
    column('IP', 'string', doc('V1PodStatus', 'podIP'), { priority: 1 }),
    column('Node', 'string', doc('V1PodSpec', 'nodeName'), { priority: 1 }),
    column('Nominated Node', 'string', doc('V1PodStatus', 'nominatedNodeName'), { priority: 1 }),
    column('Readiness Gates', 'string', doc('V1PodSpec', 'readinessGates'), { priority: 1 }),
  ],
  cells: podRow,
});
