/**
 * The horizontal pod autoscaler controller (autoscaling/v2, resource metrics): every 15 s of
 * cluster time it reads each HPA's target through the scale subresource, the pods' usage
 * through metrics.k8s.io, computes the desired replicas, applies min/max, the stabilization
 * window and rate policies, rescales, and reports status (currentMetrics, desiredReplicas,
 * lastScaleTime) and the AbleToScale/ScalingActive/ScalingLimited conditions, with the
 * SuccessfulRescale event.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { ClusterTimers, type TimerHandle } from '../nodes/cluster-timers.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { deepEqual } from '../api/strategy.ts';
import { formatQuantity, milliValue, parseQuantity } from '../admission/quantity.ts';
import { MetricError, rawResourceReplicas, resourceReplicas, type PodMetric } from './replica-calculator.ts';
import { ScalingHistory, type Behavior } from './scaling-behavior.ts';
import { setCondition, type Condition } from './hpa-conditions.ts';

export const SYNC_PERIOD_MS = 15_000;

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}

interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: Behavior;
}

interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: unknown[];
  conditions?: Condition[];
  lastScaleTime?: string;
  observedGeneration?: number;
}

export class HpaController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';
  private context: ControllerContext | undefined;
  private hpas: Informer | undefined;
  private timers: ClusterTimers | undefined;
  private ticker: TimerHandle | undefined;
  private events: EventRecorder | undefined;
  private readonly histories = new Map<string, ScalingHistory>();
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.events = context.eventRecorder({ component: 'horizontal-pod-autoscaler' });
    this.timers = new ClusterTimers(context.clock);
    const hpas = new Informer(context.client, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
    });
    this.hpas = hpas;
    const key = (hpa: KubeObject): string => `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name ?? ''}`;
    hpas.on({
      add: (hpa) => this.queue.add(key(hpa)),
      update: (hpa, old) => {
        if (!deepEqual(hpa.spec, old.spec)) this.queue.add(key(hpa));
      },
      delete: (hpa) => this.histories.delete(key(hpa)),
    });
    await hpas.start();
    this.ticker = this.timers.every(SYNC_PERIOD_MS, () => {
      for (const hpa of hpas.list()) this.queue.add(key(hpa));
    });
  }

  stop(): void {
    this.ticker?.cancel();
    this.timers?.stop();
    this.queue.stop();
    this.hpas?.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async syncOrRetry(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      if (!(isApiError(err) && (err.code === 409 || err.code === 404))) throw err;
    }
  }

  private async sync(key: string): Promise<void> {
    const { client, clock } = this.context as ControllerContext;
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const hpa = await client.tryGet({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      namespace,
      name: key.slice(slash + 1),
    });
    if (hpa === undefined) return;
    const now = clock.now();
    const spec = hpa.spec as HpaSpec;
    const status: HpaStatus = structuredClone((hpa.status ?? {}) as HpaStatus);
    const conditions = status.conditions ?? [];
    const set = (type: string, value: 'True' | 'False', reason: string, message: string): void => {
      status.conditions = setCondition(conditions, type, value, reason, message, now);
    };
    const targetRef = {
      apiVersion: spec.scaleTargetRef.apiVersion ?? 'apps/v1',
      kind: spec.scaleTargetRef.kind,
      namespace,
      name: spec.scaleTargetRef.name,
    };
    let scale: KubeObject;
    try {
      scale = await client.getScale(targetRef);
    } catch (err) {
      set(
        'AbleToScale',
        'False',
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${errorText(err)}`,
      );
      await this.writeStatus(hpa, status);
      void this.events?.event(hpa, 'Warning', 'FailedGetScale', errorText(err));
      return;
    }
    set(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const current = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    const selector = (scale.status as { selector?: string } | undefined)?.selector ?? '';
    const min = spec.minReplicas ?? 1;
    let desired = current;
    let reason = '';
    let rescale = true;
    let currentMetrics: unknown[] | undefined = status.currentMetrics;
    if (current === 0 && min !== 0) {
      rescale = false;
      set(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (current > spec.maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = spec.maxReplicas;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      let computed: { replicas: number; metricName: string; statuses: unknown[] };
      try {
        if (selector === '') throw new MetricError('selector is required');
        computed = await this.computeReplicas(
          namespace,
          selector,
          spec.metrics ?? [],
          current,
          now.getTime(),
        );
      } catch (err) {
        if (!(err instanceof MetricError)) throw err;
        const metric = spec.metrics?.[0]?.resource?.name ?? 'cpu';
        const message = `failed to get ${metric} utilization: ${err.message}`;
        set(
          'ScalingActive',
          'False',
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: ${message}`,
        );
        status.currentReplicas = current;
        await this.writeStatus(hpa, status);
        void this.events?.event(hpa, 'Warning', 'FailedGetResourceMetric', message);
        return;
      }
      set(
        'ScalingActive',
        'True',
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${computed.metricName}`,
      );
      currentMetrics = computed.statuses;
      desired = computed.replicas;
      if (desired > current) reason = `${computed.metricName} above target`;
      if (desired < current) reason = 'All metrics below target';
      let history = this.histories.get(key);
      if (history === undefined) {
        history = new ScalingHistory();
        this.histories.set(key, history);
      }
      const outcome = history.normalize(
        spec.behavior,
        current,
        desired,
        min,
        spec.maxReplicas,
        now.getTime(),
      );
      set('AbleToScale', 'True', outcome.ableToScale.reason, outcome.ableToScale.message);
      set('ScalingLimited', outcome.limited.status, outcome.limited.reason, outcome.limited.message);
      desired = outcome.replicas;
      rescale = desired !== current;
    }
    if (rescale) {
      const updated = structuredClone(scale);
      (updated.spec as { replicas: number }).replicas = desired;
      await client.updateScale(targetRef, updated);
      set(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
      void this.events?.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      this.histories.get(key)?.recordScale(current, desired, now.getTime());
      status.lastScaleTime = timestamp(now);
    }
    status.currentReplicas = current;
    status.desiredReplicas = desired;
    if (currentMetrics !== undefined) status.currentMetrics = currentMetrics;
    await this.writeStatus(hpa, status);
  }

  private async computeReplicas(
    namespace: string,
    selector: string,
    metrics: MetricSpec[],
    current: number,
    nowMs: number,
  ) {
    const client = (this.context as ControllerContext).client;
    let best = { replicas: -1, metricName: '', statuses: [] as unknown[] };
    const statuses: unknown[] = [];
    const pods = (
      await client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: selector })
    ).items;
    const usage = await this.podUsage(namespace, selector);
    for (const metric of metrics) {
      if (metric.type !== 'Resource' || metric.resource === undefined) continue;
      const name = metric.resource.name;
      const values = usage.get(name) ?? new Map<string, PodMetric>();
      const target = metric.resource.target;
      let replicas: number;
      let metricName: string;
      if (target.type === 'Utilization') {
        const result = resourceReplicas(current, target.averageUtilization ?? 80, name, pods, values, nowMs);
        replicas = result.replicas;
        metricName = `${name} resource utilization (percentage of request)`;
        statuses.push({
          type: 'Resource',
          resource: {
            name,
            current: {
              averageUtilization: result.utilization,
              averageValue: milliQuantity(result.rawAverage),
            },
          },
        });
      } else {
        const averageValue = Number(milliValue(parseQuantity(target.averageValue ?? '0')));
        const result = rawResourceReplicas(current, averageValue, pods, values);
        replicas = result.replicas;
        metricName = `${name} resource`;
        statuses.push({
          type: 'Resource',
          resource: { name, current: { averageValue: milliQuantity(result.rawAverage) } },
        });
      }
      if (replicas > best.replicas) best = { replicas, metricName, statuses };
    }
    if (best.replicas < 0) throw new MetricError('no resource metrics in the HPA spec');
    return { ...best, statuses };
  }

  /** Usage per resource per pod (milli-units) from metrics.k8s.io, like the resource metrics client. */
  private async podUsage(namespace: string, selector: string): Promise<Map<string, Map<string, PodMetric>>> {
    const client = (this.context as ControllerContext).client;
    const list = await client.list(
      { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics' },
      { namespace, labelSelector: selector },
    );
    const result = new Map<string, Map<string, PodMetric>>();
    for (const item of list.items) {
      const containers = (item.containers ?? []) as { usage: Record<string, string> }[];
      if (containers.length === 0) continue;
      const at = Date.parse(String(item.timestamp));
      const windowMs = parseFloat(String(item.window ?? '0')) * 1000;
      for (const resource of ['cpu', 'memory']) {
        const value = containers.reduce(
          (sum, c) => sum + Number(milliValue(parseQuantity(c.usage[resource] ?? '0'))),
          0,
        );
        let byPod = result.get(resource);
        if (byPod === undefined) {
          byPod = new Map();
          result.set(resource, byPod);
        }
        byPod.set(item.metadata.name ?? '', { value, timestampMs: at, windowMs });
      }
    }
    return result;
  }

  private async writeStatus(hpa: KubeObject, status: HpaStatus): Promise<void> {
    if (hpa.metadata.generation !== undefined) status.observedGeneration = hpa.metadata.generation;
    if (deepEqual(status, hpa.status)) return;
    const updated = structuredClone(hpa);
    updated.status = status;
    await (this.context as ControllerContext).client.updateStatus(updated);
  }
}

function milliQuantity(milli: number): string {
  return formatQuantity({ nanos: BigInt(Math.round(milli)) * 1_000_000n, format: 'DecimalSI' });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
