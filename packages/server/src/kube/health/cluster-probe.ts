import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../core/errors/app-error.ts';
import { accessDenial } from '../connections/access-review.ts';
import type { ClusterPhase } from '../connections/cluster-connections.ts';
import { isSuccess, kubeRequest, responseFailure } from '../connections/kube-request.ts';

export interface ProbeOptions {
  timeoutMs: number;
  /** Answers slower than this make the cluster Degraded. */
  slowMs: number;
  /** A monotonic millisecond counter to time the answer with. */
  elapsed: () => number;
}

export interface ProbeResult {
  phase: ClusterPhase;
  message: string;
  /** gitVersion, when the API server answered. */
  version: string | null;
}

/** Names of the failing checks in a verbose /readyz answer (`[-]etcd failed: …`). */
function failingChecks(body: unknown): string[] {
  if (typeof body !== 'string') return [];
  return [...body.matchAll(/^\[-\]([^\s]+)/gm)].map((m) => m[1] as string);
}

async function readiness(kubeConfig: KubeConfig, signal: AbortSignal): Promise<string | null> {
  try {
    const response = await kubeRequest(kubeConfig, { path: '/readyz?verbose', signal });
    if (isSuccess(response)) return null;
    // Not every cluster lets every credential read /readyz; /version then has to do.
    if ([401, 403, 404].includes(response.status)) return null;
    const failing = failingChecks(response.body);
    return failing.length
      ? `The API server is not ready: failing checks ${failing.join(', ')}`
      : `The API server is not ready (/readyz answered ${response.status})`;
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

/**
 * One health probe: GET /version (reachability, credential, version), /readyz (the server's
 * own checks) and whether Atrium may still list nodes, all at once under one timeout.
 */
export async function probeCluster(kubeConfig: KubeConfig, options: ProbeOptions): Promise<ProbeResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const started = options.elapsed();
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  const versionCall = kubeRequest<{ gitVersion?: string }>(kubeConfig, {
    path: '/version',
    timeoutMs: options.timeoutMs,
  });
  const readyCall = readiness(kubeConfig, signal);
  const nodesCall = accessDenial(
    kubeConfig,
    { verb: 'list', resource: 'nodes' },
    { signal, timeoutMs: options.timeoutMs },
  );
  // Settle everything before reading, so no rejection is left unhandled.
  const [versionResult, readyResult, nodesResult] = await Promise.allSettled([
    versionCall,
    readyCall,
    nodesCall,
  ]);
  const took = options.elapsed() - started;

  if (versionResult.status === 'rejected') return unreachable(versionResult.reason);
  const response = versionResult.value;
  if (!isSuccess(response)) return unreachable(responseFailure(response, server, 'get /version'));
  const version = response.body.gitVersion ?? null;

  const problems: string[] = [];
  if (readyResult.status === 'fulfilled' && readyResult.value) problems.push(readyResult.value);
  if (nodesResult.status === 'fulfilled' && nodesResult.value) problems.push(nodesResult.value.message);
  if (nodesResult.status === 'rejected') problems.push(messageOf(nodesResult.reason));
  if (took > options.slowMs)
    problems.push(`The API server is slow: it took ${(took / 1000).toFixed(1)} s to answer`);
  if (problems.length) return { phase: 'Degraded', message: problems.join('; '), version };
  return { phase: 'Ready', message: 'The API server is ready', version };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unreachable(error: unknown): ProbeResult {
  if (!(error instanceof AppError)) return { phase: 'Unreachable', message: messageOf(error), version: null };
  return { phase: 'Unreachable', message: error.message, version: null };
}
