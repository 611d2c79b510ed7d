/**
 * GET pods/<name>/log: the container module's deterministic log of the selected run, filtered
 * by tailLines/sinceSeconds/sinceTime/limitBytes, optionally timestamped; with follow=true the
 * response stays open and each new line is written when the cluster clock reaches it, until
 * the run ends or the client goes away. Error texts are the kubelet's and API server's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Status } from '../types.ts';
import type { PodRequest } from '../apiserver/pod-io.ts';
import {
  containerLogEntries,
  followContainerLog,
  formatLogTimestamp,
  type ContainerLogOptions,
  type LogEntry,
} from '../container/index.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import type { ContainerRuntime } from '../kubelet/container-runtime.ts';
import { badRequestStatus, selectContainer } from './container-select.ts';
import { pause } from './attach-session.ts';

type RunOptions = Omit<
  ContainerLogOptions,
  'now' | 'tailLines' | 'sinceSeconds' | 'sinceTime' | 'timestamps'
>;

function writeStatus(res: ServerResponse, status: Status): void {
  res.writeHead(status.code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(status));
}

/** The run `kubectl logs` reads, or the kubelet's error. */
function selectRun(
  c: ContainerRuntime,
  base: { namespace: string; pod: string },
  previous: boolean,
): RunOptions | { error: string } {
  const common = { ...base, container: c.name, image: c.image };
  const last = c.lastTerminated;
  const state = c.state;
  if (state.kind === 'waiting' && last === undefined) {
    const reason =
      state.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : state.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : state.reason;
    return { error: `container "${c.name}" in pod "${base.pod}" is waiting to start: ${reason}` };
  }
  if (previous || state.kind === 'waiting') {
    if (last === undefined)
      return { error: `previous terminated container "${c.name}" in pod "${base.pod}" not found` };
    // While the container waits to restart, its "current" run is the one that just ended.
    const index = state.kind === 'waiting' ? c.restartCount : c.restartCount - 1;
    return {
      ...common,
      startedAt: last.startedAt,
      finishedAt: last.finishedAt,
      restartCount: Math.max(0, index),
    };
  }
  if (state.kind === 'running')
    return { ...common, startedAt: state.startedAt, restartCount: c.restartCount };
  return {
    ...common,
    startedAt: state.terminated.startedAt,
    finishedAt: state.terminated.finishedAt,
    restartCount: c.restartCount,
  };
}

function integer(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : undefined;
}

export async function serveLog(
  kubelet: Kubelet,
  request: PodRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { pod, query } = request;
  const selected = selectContainer(pod, query.get('container'));
  if ('error' in selected) return writeStatus(res, selected.error);
  const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  if (!nodeName) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end();
    return;
  }
  const worker = kubelet.worker(request.namespace, request.name);
  const container = worker?.container(selected.name);
  const base = { namespace: request.namespace, pod: request.name };
  if (worker === undefined || container === undefined || worker.identity.uid !== pod.metadata.uid) {
    return writeStatus(
      res,
      badRequestStatus(
        `container "${selected.name}" in pod "${request.name}" is waiting to start: ContainerCreating`,
      ),
    );
  }
  const previous = query.get('previous') === 'true';
  const run = selectRun(container, base, previous);
  if ('error' in run) return writeStatus(res, badRequestStatus(run.error));
  const timestamps = query.get('timestamps') === 'true';
  const tailLines = integer(query, 'tailLines');
  const sinceSeconds = integer(query, 'sinceSeconds');
  const sinceTimeRaw = query.get('sinceTime');
  const sinceTime = sinceTimeRaw ? new Date(sinceTimeRaw) : undefined;
  let budget = integer(query, 'limitBytes') ?? Infinity;
  const now = kubelet.now();
  const entries = containerLogEntries({
    ...run,
    now,
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(sinceSeconds === undefined ? {} : { sinceSeconds }),
    ...(sinceTime === undefined || Number.isNaN(sinceTime.getTime()) ? {} : { sinceTime }),
  });
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  const write = (entry: LogEntry): boolean => {
    let line = `${timestamps ? `${formatLogTimestamp(entry)} ` : ''}${entry.text}\n`;
    const bytes = Buffer.byteLength(line);
    if (bytes > budget) line = Buffer.from(line).subarray(0, budget).toString();
    budget -= Math.min(bytes, budget);
    res.write(line);
    return budget > 0;
  };
  for (const entry of entries) {
    if (!write(entry)) return void res.end();
  }
  const follow = query.get('follow') === 'true';
  const live = previous
    ? undefined
    : container.state.kind === 'running'
      ? container.state.containerID
      : undefined;
  if (!follow || live === undefined) return void res.end();
  await followRun(kubelet, container, live, run, now, req, res, write);
}

/** Writes lines as cluster time reaches them, until the run ends or the client leaves. */
async function followRun(
  kubelet: Kubelet,
  container: ContainerRuntime,
  containerID: string,
  run: RunOptions,
  after: Date,
  req: IncomingMessage,
  res: ServerResponse,
  write: (entry: LogEntry) => boolean,
): Promise<void> {
  let open = true;
  const gone = new AbortController();
  const close = (): void => {
    open = false;
    gone.abort();
  };
  req.on('close', close);
  res.on('close', close);
  const sameRun = (): boolean =>
    container.state.kind === 'running' && container.state.containerID === containerID;
  const lines = followContainerLog(run, after);
  try {
    for (;;) {
      const next = lines.next();
      if (next.done === true) break;
      const entry = next.value;
      // Wait for the line's time, checking every second of cluster time whether the run ended.
      while (open && sameRun() && kubelet.now() < entry.at) {
        const wait = Math.min(entry.at.getTime() - kubelet.now().getTime(), 1000);
        await pause(kubelet, wait, gone.signal);
      }
      if (!open) return;
      if (!sameRun()) {
        const finished =
          container.state.kind === 'terminated' ? container.state.terminated : container.lastTerminated;
        if (finished === undefined || finished.containerID !== containerID || entry.at > finished.finishedAt)
          break;
      }
      if (!write(entry)) break;
    }
  } finally {
    req.off('close', close);
    if (open) res.end();
  }
}
