/**
 * The resource metrics API (metrics.k8s.io/v1beta1, as metrics-server serves it): NodeMetrics
 * and PodMetrics computed on request from the usage tracker, listed in discovery so that
 * `kubectl top nodes` / `kubectl top pods` and the HPA controller find them. CPU is reported in
 * nanocores and memory in bytes (page-aligned, so it prints as Ki), like metrics-server.
 */
import type { KubeObject } from '../types.ts';
import type { ClusterCore } from '../cluster/cluster-core.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ListOptions } from '../api/list-options.ts';
import { notFound } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { matchesLabels } from '../selectors/label-selector.ts';
import { formatQuantity } from '../admission/quantity.ts';
import type { PodState, UsageTracker } from './usage-tracker.ts';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
/** The scrape window metrics-server reports. */
const WINDOW = '15s';
const PAGE = 4096;

function metricsKind(kind: string, resource: string, namespaced: boolean): ServedKind {
  return {
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    kind,
    resource,
    singular: '',
    namespaced,
    verbs: ['get', 'list'],
    model: '',
    storageKey: `${METRICS_GROUP}/${resource}`,
    storageVersion: METRICS_VERSION,
    hasStatus: false,
    tracksGeneration: false,
    custom: false,
    persisted: false,
  };
}

export function cpuQuantity(cores: number): string {
  return formatQuantity({ nanos: BigInt(Math.round(cores * 1e9)), format: 'DecimalSI' });
}

export function memoryQuantity(bytes: number): string {
  const pages = BigInt(Math.floor(bytes / PAGE)) * BigInt(PAGE);
  return formatQuantity({ nanos: pages * 1_000_000_000n, format: 'BinarySI' });
}

function meta(object: KubeObject, now: Date): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: object.metadata.name };
  if (object.metadata.namespace !== undefined) metadata.namespace = object.metadata.namespace;
  metadata.creationTimestamp = timestamp(now);
  if (object.metadata.labels !== undefined) metadata.labels = object.metadata.labels;
  return metadata;
}

export function nodeMetrics(tracker: UsageTracker, node: KubeObject, now: Date): KubeObject {
  const usage = tracker.nodeUsage(node, now.getTime());
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: meta(node, now),
    timestamp: timestamp(now),
    window: WINDOW,
    usage: { cpu: cpuQuantity(usage.cpuCores), memory: memoryQuantity(usage.memoryBytes) },
  } as KubeObject;
}

export function podMetrics(tracker: UsageTracker, state: PodState, now: Date): KubeObject {
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: meta(state.pod, now),
    timestamp: timestamp(now),
    window: WINDOW,
    containers: [...state.containers.values()].map((container) => {
      const usage = tracker.containerUsage(container, now.getTime());
      return {
        name: container.name,
        usage: { cpu: cpuQuantity(usage.cpuCores), memory: memoryQuantity(usage.memoryBytes) },
      };
    }),
  } as KubeObject;
}

function selected(object: KubeObject, options: ListOptions): boolean {
  return (
    options.labelSelector.requirements.length === 0 ||
    matchesLabels(options.labelSelector, object.metadata.labels)
  );
}

const byKey = (a: KubeObject, b: KubeObject): number =>
  `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`.localeCompare(
    `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`,
  );

/** Registers the two kinds and serves their reads. */
export function serveMetricsApi(core: ClusterCore, tracker: UsageTracker): void {
  const nodes = metricsKind('NodeMetrics', 'nodes', false);
  const pods = metricsKind('PodMetrics', 'pods', true);
  core.registry.add(nodes);
  core.registry.add(pods);
  const now = (): Date => core.clock.now();
  const runningPods = (namespace: string | undefined): PodState[] =>
    [...tracker.runningPods()].filter(
      (s) => namespace === undefined || namespace === '' || s.pod.metadata.namespace === namespace,
    );
  core.api.registerVirtualReads(nodes.storageKey, {
    get(_namespace, name) {
      const node = tracker.node(name);
      if (node === undefined) throw notFound({ group: METRICS_GROUP, resource: 'nodes', name });
      return nodeMetrics(tracker, node, now());
    },
    list(_namespace, options) {
      const items = tracker
        .nodeList()
        .filter((n) => selected(n, options))
        .sort(byKey)
        .map((n) => nodeMetrics(tracker, n, now()));
      return { items, resourceVersion: '' };
    },
  });
  core.api.registerVirtualReads(pods.storageKey, {
    get(namespace, name) {
      const state = runningPods(namespace).find((s) => s.pod.metadata.name === name);
      if (state === undefined) throw notFound({ group: METRICS_GROUP, resource: 'pods', name });
      return podMetrics(tracker, state, now());
    },
    list(namespace, options) {
      const items = runningPods(namespace)
        .filter((s) => selected(s.pod, options))
        .map((s) => podMetrics(tracker, s, now()))
        .sort(byKey);
      return { items, resourceVersion: '' };
    },
  });
}
