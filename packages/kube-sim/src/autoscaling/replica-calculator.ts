/**
 * The HPA's replica calculation for resource metrics (pkg/controller/podautoscaler/
 * replica_calculator.go): group the target's pods (ignored, unready, missing metrics, ready),
 * compare usage with requests (Utilization) or with the average target (AverageValue), stay
 * put within the 10 % tolerance, and treat missing and unready pods conservatively so a
 * recommendation never flips the scaling direction.
 */
import type { KubeObject } from '../types.ts';
import { milliValue, tryParseQuantity } from '../admission/quantity.ts';

export const TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodMetric {
  /** Milli-units (millicores, or milli-bytes for memory). */
  value: number;
  timestampMs: number;
  windowMs: number;
}

export interface ResourceReplicas {
  replicas: number;
  /** Average utilization in percent of request (Utilization targets). */
  utilization: number;
  /** Average usage per pod in milli-units. */
  rawAverage: number;
}

export class MetricError extends Error {}

interface PodStatus {
  phase?: string;
  startTime?: string;
  conditions?: { type: string; status: string; lastTransitionTime?: string }[];
}

function within(ratio: number): boolean {
  return Math.abs(1 - ratio) <= TOLERANCE;
}

/** groupPods: which pods count, which are unready, which lack metrics. */
function groupPods(pods: KubeObject[], metrics: Map<string, PodMetric>, resource: string, nowMs: number) {
  let ready = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const status = (pod.status ?? {}) as PodStatus;
    if (
      pod.metadata.deletionTimestamp !== undefined ||
      status.phase === 'Failed' ||
      status.phase === 'Pending' ||
      status.phase === undefined
    ) {
      ignored.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (metric === undefined) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = status.conditions?.find((c) => c.type === 'Ready');
      const start = status.startTime === undefined ? undefined : Date.parse(status.startTime);
      let isUnready: boolean;
      if (condition === undefined || start === undefined) isUnready = true;
      else {
        const transition = Date.parse(condition.lastTransitionTime ?? '') || start;
        if (start + CPU_INITIALIZATION_PERIOD_MS > nowMs) {
          isUnready = condition.status === 'False' || metric.timestampMs < transition + metric.windowMs;
        } else {
          isUnready = condition.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    ready++;
  }
  return { ready, unready, missing, ignored };
}

/** Per pod, the sum of its containers' requests in milli-units; a container without one is an error. */
export function podRequests(pods: KubeObject[], resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let total = 0;
    for (const container of (
      (pod.spec ?? {}) as {
        containers?: { name: string; resources?: { requests?: Record<string, unknown> } }[];
      }
    ).containers ?? []) {
      const q = tryParseQuantity(container.resources?.requests?.[resource]);
      if (q === undefined) {
        throw new MetricError(
          `missing request for ${resource} in container ${container.name} of Pod ${pod.metadata.name ?? ''}`,
        );
      }
      total += Number(milliValue(q));
    }
    requests.set(pod.metadata.name ?? '', total);
  }
  return requests;
}

function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number) {
  let usage = 0;
  let requested = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    usage += metric.value;
    requested += request;
    entries++;
  }
  if (requested === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((usage * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(usage / entries) };
}

/** GetResourceReplicas: replicas for a target average utilization (percent of request). */
export function resourceReplicas(
  current: number,
  targetUtilization: number,
  resource: string,
  pods: KubeObject[],
  podMetrics: Map<string, PodMetric>,
  nowMs: number,
): ResourceReplicas {
  if (pods.length === 0)
    throw new MetricError('no pods returned by selector while calculating replica count');
  const metrics = new Map(podMetrics);
  const { ready, unready, missing, ignored } = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...ignored, ...unready]) metrics.delete(name);
  if (metrics.size === 0)
    throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const requests = podRequests(pods, resource);
  const { ratio, utilization, rawAverage } = utilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number): ResourceReplicas => ({ replicas, utilization, rawAverage });
  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    return result(within(ratio) ? current : Math.ceil(ratio * ready));
  }
  const template = (value: number): PodMetric => ({ value, timestampMs: nowMs, windowMs: 0 });
  if (missing.size > 0) {
    // Scaling down: missing pods count as using their whole request (or the target, if higher);
    // scaling up: as using nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const name of missing)
      metrics.set(name, template(ratio < 1 ? ((requests.get(name) ?? 0) * fallback) / 100 : 0));
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, template(0));
  const next = utilizationRatio(metrics, requests, targetUtilization).ratio;
  if (within(next) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return result(current);
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return result(current);
  return result(replicas);
}

/** GetRawResourceReplicas: replicas for a target average value per pod (milli-units). */
export function rawResourceReplicas(
  current: number,
  targetAverage: number,
  pods: KubeObject[],
  podMetrics: Map<string, PodMetric>,
): ResourceReplicas {
  if (pods.length === 0)
    throw new MetricError('no pods returned by selector while calculating replica count');
  const names = new Set(
    pods
      .filter(
        (p) =>
          p.metadata.deletionTimestamp === undefined &&
          (p.status as PodStatus | undefined)?.phase === 'Running',
      )
      .map((p) => p.metadata.name ?? ''),
  );
  const values = [...podMetrics].filter(([name]) => names.has(name)).map(([, m]) => m.value);
  if (values.length === 0)
    throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const total = values.reduce((a, b) => a + b, 0);
  const ratio = total / (targetAverage * values.length);
  const rawAverage = Math.trunc(total / values.length);
  return { replicas: within(ratio) ? current : Math.ceil(total / targetAverage), utilization: 0, rawAverage };
}
