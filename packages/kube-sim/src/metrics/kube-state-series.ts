/**
 * Object-state series in the shape kube-state-metrics exposes them: pod phase and restarts,
 * pod info and container requests/limits, deployment replicas, quota hard/used and node
 * capacity/allocatable.
 */
import type { KubeObject } from '../types.ts';
import { toNumber, tryParseQuantity } from '../admission/quantity.ts';
import type { Labels, PrometheusText } from './prometheus-text.ts';

const PHASES = ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'];

export interface ClusterObjects {
  pods: KubeObject[];
  nodes: KubeObject[];
  deployments: KubeObject[];
  quotas: KubeObject[];
}

/** kube-state-metrics' label sanitising: nvidia.com/gpu → nvidia_com_gpu. */
function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

function unitOf(resource: string): string {
  if (resource === 'cpu') return 'core';
  if (
    resource === 'memory' ||
    resource === 'ephemeral-storage' ||
    resource === 'storage' ||
    resource.startsWith('hugepages-')
  )
    return 'byte';
  return 'integer';
}

function amount(value: unknown): number {
  const q = tryParseQuantity(value);
  return q === undefined ? 0 : toNumber(q);
}

function resourceSamples(list: Record<string, unknown> | undefined, base: Labels): [Labels, number][] {
  return Object.entries(list ?? {}).map(([resource, value]) => [
    { ...base, resource: sanitize(resource), unit: unitOf(resource) },
    amount(value),
  ]);
}

export function writeKubeStateSeries(out: PrometheusText, objects: ClusterObjects): void {
  const phase: [Labels, number][] = [];
  const restarts: [Labels, number][] = [];
  const info: [Labels, number][] = [];
  const requests: [Labels, number][] = [];
  const limits: [Labels, number][] = [];
  for (const pod of objects.pods) {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const uid = pod.metadata.uid ?? '';
    const status = (pod.status ?? {}) as {
      phase?: string;
      podIP?: string;
      hostIP?: string;
      containerStatuses?: { name: string; restartCount?: number }[];
    };
    const spec = (pod.spec ?? {}) as {
      nodeName?: string;
      priorityClassName?: string;
      hostNetwork?: boolean;
      containers?: {
        name: string;
        resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
      }[];
    };
    for (const p of PHASES) phase.push([{ namespace, pod: name, uid, phase: p }, status.phase === p ? 1 : 0]);
    for (const cs of status.containerStatuses ?? [])
      restarts.push([{ namespace, pod: name, uid, container: cs.name }, cs.restartCount ?? 0]);
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller === true);
    info.push([
      {
        namespace,
        pod: name,
        uid,
        host_ip: status.hostIP ?? '',
        pod_ip: status.podIP ?? '',
        node: spec.nodeName ?? '',
        created_by_kind: owner?.kind ?? '<none>',
        created_by_name: owner?.name ?? '<none>',
        priority_class: spec.priorityClassName ?? '',
        host_network: String(spec.hostNetwork === true),
      },
      1,
    ]);
    for (const container of spec.containers ?? []) {
      const base = { namespace, pod: name, uid, container: container.name, node: spec.nodeName ?? '' };
      requests.push(...resourceSamples(container.resources?.requests, base));
      limits.push(...resourceSamples(container.resources?.limits, base));
    }
  }
  out.series('kube_pod_status_phase', 'gauge', 'The pods current phase.', phase);
  out.series(
    'kube_pod_container_status_restarts_total',
    'counter',
    'The number of container restarts per container.',
    restarts,
  );
  out.series('kube_pod_info', 'gauge', 'Information about pod.', info);
  out.series(
    'kube_pod_container_resource_requests',
    'gauge',
    'The number of requested request resource by a container.',
    requests,
  );
  out.series(
    'kube_pod_container_resource_limits',
    'gauge',
    'The number of requested limit resource by a container.',
    limits,
  );

  const available: [Labels, number][] = [];
  const replicas: [Labels, number][] = [];
  for (const deployment of objects.deployments) {
    const labels = {
      namespace: deployment.metadata.namespace ?? '',
      deployment: deployment.metadata.name ?? '',
    };
    available.push([
      labels,
      (deployment.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0,
    ]);
    replicas.push([labels, (deployment.spec as { replicas?: number } | undefined)?.replicas ?? 1]);
  }
  out.series(
    'kube_deployment_status_replicas_available',
    'gauge',
    'The number of available replicas per deployment.',
    available,
  );
  out.series('kube_deployment_spec_replicas', 'gauge', 'Number of desired pods for a deployment.', replicas);

  const quota: [Labels, number][] = [];
  for (const q of objects.quotas) {
    const status = (q.status ?? {}) as { hard?: Record<string, unknown>; used?: Record<string, unknown> };
    const base = { namespace: q.metadata.namespace ?? '', resourcequota: q.metadata.name ?? '' };
    for (const [resource, value] of Object.entries(status.hard ?? {}))
      quota.push([{ ...base, resource, type: 'hard' }, amount(value)]);
    for (const [resource, value] of Object.entries(status.used ?? {}))
      quota.push([{ ...base, resource, type: 'used' }, amount(value)]);
  }
  out.series('kube_resourcequota', 'gauge', 'Information about resource quota.', quota);

  const allocatable: [Labels, number][] = [];
  const capacity: [Labels, number][] = [];
  const nodeInfo: [Labels, number][] = [];
  for (const node of objects.nodes) {
    const name = node.metadata.name ?? '';
    const status = (node.status ?? {}) as {
      allocatable?: Record<string, unknown>;
      capacity?: Record<string, unknown>;
      nodeInfo?: Record<string, string>;
      addresses?: { type: string; address: string }[];
    };
    allocatable.push(...resourceSamples(status.allocatable, { node: name }));
    capacity.push(...resourceSamples(status.capacity, { node: name }));
    nodeInfo.push([
      {
        node: name,
        kernel_version: status.nodeInfo?.kernelVersion ?? '',
        os_image: status.nodeInfo?.osImage ?? '',
        container_runtime_version: status.nodeInfo?.containerRuntimeVersion ?? '',
        kubelet_version: status.nodeInfo?.kubeletVersion ?? '',
        internal_ip: status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      },
      1,
    ]);
  }
  out.series(
    'kube_node_status_allocatable',
    'gauge',
    'The allocatable for different resources of a node that are available for scheduling.',
    allocatable,
  );
  out.series(
    'kube_node_status_capacity',
    'gauge',
    'The capacity for different resources of a node.',
    capacity,
  );
  out.series('kube_node_info', 'gauge', 'Information about a cluster node.', nodeInfo);
}
