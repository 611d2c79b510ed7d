/**
 * pods/attach: the client joins the container's main process. Its stdout carries what the
 * process writes from now on — the log lines as cluster time reaches them, and for an
 * interactive shell (stdin + tty) the shell's own output; stdin goes to the process. The
 * session ends when the run ends or the client leaves.
 */
import { followContainerLog } from '../container/index.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import type { ContainerRuntime } from '../kubelet/container-runtime.ts';
import { STDOUT, type ChannelSocket } from './channel-socket.ts';

export function attachSession(
  kubelet: Kubelet,
  channels: ChannelSocket,
  container: ContainerRuntime,
  query: URLSearchParams,
): void {
  const wantsStdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
  const state = container.state;
  if (state.kind !== 'running') return channels.finish({ metadata: {}, status: 'Success' });
  const run = state.containerID;
  const console = container.console();
  const unsubscribe = console.subscribe((chunk) => channels.send(STDOUT, chunk));
  if (wantsStdin && container.spec.stdin === true) channels.onStdin((chunk) => console.write(chunk));
  const sameRun = (): boolean => container.state.kind === 'running' && container.state.containerID === run;
  void (async () => {
    try {
      if (!console.interactive) {
        const lines = followContainerLog(
          {
            namespace: container.pod.namespace,
            pod: container.pod.name,
            container: container.name,
            image: container.image,
            startedAt: state.startedAt,
            restartCount: container.restartCount,
          },
          kubelet.now(),
        );
        for (const entry of lines) {
          while (!channels.signal.aborted && sameRun() && kubelet.now() < entry.at) {
            await pause(
              kubelet,
              Math.min(entry.at.getTime() - kubelet.now().getTime(), 1000),
              channels.signal,
            );
          }
          if (channels.signal.aborted || !sameRun()) break;
          channels.send(STDOUT, `${entry.text}${console.tty ? '\r\n' : '\n'}`);
        }
      }
      while (!channels.signal.aborted && sameRun()) await pause(kubelet, 1000, channels.signal);
    } finally {
      unsubscribe();
      channels.finish({ metadata: {}, status: 'Success' });
    }
  })();
}

/** Sleeps on the cluster clock, or until the client goes away. */
export function pause(kubelet: Kubelet, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    void kubelet.sleep(ms).then(resolve);
  });
}
