/**
 * Delays of the simulated node, in milliseconds of cluster time. Short by default so a demo
 * cluster settles in seconds; tests on a TestClock advance time past them.
 */
export interface KubeletSettings {
  /** Pod sandbox creation: the pod shows ContainerCreating without an IP this long. */
  sandboxMs: number;
  /** Pulling an image that is not on the node (or imagePullPolicy Always). */
  pullMs: number;
  /** How long a regular init container runs before it completes. */
  initRunMs: number;
  /** Run time of containers in pods with restartPolicy Never/OnFailure without the annotation. */
  jobRunMs: number;
  /** Between a container's first exit and its immediate restart (the next pod sync). */
  syncMs: number;
  /** Time containers take to stop after SIGTERM (never more than the grace period). */
  stopMs: number;
  /** Restart and image pull back-off: initial and maximum. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Record kubelet Events (Pulled, Created, Started…). */
  events: boolean;
}

export const DEFAULT_KUBELET_SETTINGS: KubeletSettings = {
  sandboxMs: 500,
  pullMs: 1000,
  initRunMs: 1000,
  jobRunMs: 3000,
  syncMs: 1000,
  stopMs: 500,
  backoffInitialMs: 10_000,
  backoffMaxMs: 300_000,
  events: true,
};

/** Pod annotation: seconds the containers of this pod run before they exit. */
export const RUN_SECONDS_ANNOTATION = 'sim.atrium.dev/run-seconds';

/** The back-off before the n-th retry (n ≥ 1): initial, doubling, capped. */
export function backoffMs(settings: KubeletSettings, n: number): number {
  return Math.min(settings.backoffInitialMs * 2 ** Math.max(0, n - 1), settings.backoffMaxMs);
}

/** `10s`, `1m20s`, `5m0s` as Go formats the back-off in messages. */
export function backoffText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}
