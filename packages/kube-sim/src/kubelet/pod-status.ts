/**
 * The pod status a kubelet posts, rendered from the runtime's view of a pod: phase, the five
 * conditions (with transition times that move only when the status flips), IPs, start time and
 * the init/app container statuses in spec order.
 */
import { timestamp } from '../api/request-context.ts';
import type { ContainerRuntime, ContainerState } from './container-runtime.ts';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface PodView {
  phase: PodPhase;
  hostIP: string;
  podIP: string;
  startTime: Date;
  sandboxReady: boolean;
  init: ContainerRuntime[];
  app: ContainerRuntime[];
  /** Set once every app container has finished for good (Succeeded/Failed). */
  completed: boolean;
  volumeMounts(container: ContainerRuntime): unknown[] | undefined;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

function stateJson(state: ContainerState): Record<string, unknown> {
  switch (state.kind) {
    case 'waiting':
      return {
        waiting:
          state.message === undefined
            ? { reason: state.reason }
            : { reason: state.reason, message: state.message },
      };
    case 'running':
      return { running: { startedAt: timestamp(state.startedAt) } };
    case 'terminated': {
      const t = state.terminated;
      const terminated: Record<string, unknown> = {
        exitCode: t.exitCode,
        reason: t.reason,
        startedAt: timestamp(t.startedAt),
        finishedAt: timestamp(t.finishedAt),
        containerID: t.containerID,
      };
      if (t.message !== undefined) terminated.message = t.message;
      return { terminated };
    }
  }
}

function containerStatus(view: PodView, c: ContainerRuntime): Record<string, unknown> {
  const everStarted = c.state.kind !== 'waiting' || c.lastTerminated !== undefined;
  const status: Record<string, unknown> = {
    name: c.name,
    state: stateJson(c.state),
    lastState:
      c.lastTerminated === undefined ? {} : stateJson({ kind: 'terminated', terminated: c.lastTerminated }),
    ready: c.ready,
    restartCount: c.restartCount,
    image: everStarted ? c.statusImage() : c.image,
    imageID: everStarted ? c.statusImageId() : '',
    started: c.started,
  };
  const id =
    c.state.kind === 'running'
      ? c.state.containerID
      : c.state.kind === 'terminated'
        ? c.state.terminated.containerID
        : c.lastTerminated?.containerID;
  if (id !== undefined) status.containerID = id;
  const mounts = view.volumeMounts(c);
  if (mounts !== undefined && mounts.length > 0) status.volumeMounts = mounts;
  return status;
}

function names(list: ContainerRuntime[]): string {
  return `[${list.map((c) => c.name).join(' ')}]`;
}

/** Conditions as the kubelet computes them; `previous` keeps transition times stable. */
function conditions(view: PodView, previous: Condition[], now: Date): Condition[] {
  const unfinishedInit = view.init.filter((c) =>
    c.sidecar ? !c.started : !(c.state.kind === 'terminated' && c.state.terminated.exitCode === 0),
  );
  const unready = view.app.filter((c) => !c.ready);
  const wanted: Omit<Condition, 'lastProbeTime' | 'lastTransitionTime'>[] = [];
  wanted.push({
    type: 'PodReadyToStartContainers',
    status: view.sandboxReady && !view.completed ? 'True' : 'False',
  });
  if (view.completed) {
    wanted.push({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
    wanted.push({ type: 'Ready', status: 'False', reason: 'PodCompleted' });
    wanted.push({ type: 'ContainersReady', status: 'False', reason: 'PodCompleted' });
  } else {
    wanted.push(
      unfinishedInit.length === 0
        ? { type: 'Initialized', status: 'True' }
        : {
            type: 'Initialized',
            status: 'False',
            reason: 'ContainersNotInitialized',
            message: `containers with incomplete status: ${names(unfinishedInit)}`,
          },
    );
    const notReady = {
      status: 'False' as const,
      reason: 'ContainersNotReady',
      message: `containers with unready status: ${names(unready)}`,
    };
    wanted.push(unready.length === 0 ? { type: 'Ready', status: 'True' } : { type: 'Ready', ...notReady });
    wanted.push(
      unready.length === 0
        ? { type: 'ContainersReady', status: 'True' }
        : { type: 'ContainersReady', ...notReady },
    );
  }
  const out: Condition[] = [];
  for (const condition of wanted) {
    const old = previous.find((c) => c.type === condition.type);
    const lastTransitionTime =
      old !== undefined && old.status === condition.status ? old.lastTransitionTime : timestamp(now);
    out.push({ ...condition, lastProbeTime: null, lastTransitionTime });
  }
  // Conditions owned by others (PodScheduled, DisruptionTarget, readiness gates) stay as they are.
  for (const old of previous) if (!out.some((c) => c.type === old.type)) out.push(old);
  return out.sort((a, b) => order(a.type) - order(b.type));
}

function order(type: string): number {
  const index = CONDITION_ORDER.indexOf(type);
  return index === -1 ? CONDITION_ORDER.length : index;
}

/** The full status to post, keeping what others own from `stored`. */
export function renderStatus(
  view: PodView,
  stored: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  const previous = (stored.conditions as Condition[] | undefined) ?? [];
  const status: Record<string, unknown> = { ...stored };
  status.phase = view.phase;
  status.conditions = conditions(view, previous, now);
  status.hostIP = view.hostIP;
  status.hostIPs = [{ ip: view.hostIP }];
  if (view.podIP !== '') {
    status.podIP = view.podIP;
    status.podIPs = [{ ip: view.podIP }];
  }
  status.startTime = timestamp(view.startTime);
  if (view.init.length > 0) status.initContainerStatuses = view.init.map((c) => containerStatus(view, c));
  status.containerStatuses = view.app.map((c) => containerStatus(view, c));
  return status;
}
