/**
 * Which of a Service's selected pods become endpoints and with which ports — the rules the
 * endpoint and endpointslice controllers share (ShouldPodBeInEndpoints, FindPort).
 */
import type { KubeObject } from '../types.ts';

export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
}

export interface PodEndpoint {
  pod: KubeObject;
  ip: string;
  nodeName: string | undefined;
  ready: boolean;
  terminating: boolean;
  ports: EndpointPort[];
}

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

interface PodStatus {
  phase?: string;
  podIP?: string;
  conditions?: { type: string; status: string }[];
}

export function podIsReady(pod: KubeObject): boolean {
  const status = (pod.status ?? {}) as PodStatus;
  return (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Terminal pods and pods without an IP are never endpoints; terminating ones only if asked. */
export function shouldBeEndpoint(pod: KubeObject, includeTerminating: boolean): boolean {
  const status = (pod.status ?? {}) as PodStatus;
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp !== undefined) return false;
  return typeof status.podIP === 'string' && status.podIP !== '';
}

/** The container port a service port targets on this pod (by number, or by port name). */
export function findPort(pod: KubeObject, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const containers =
    (
      (pod.spec ?? {}) as {
        containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
      }
    ).containers ?? [];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

export function podEndpoints(
  service: KubeObject,
  pods: KubeObject[],
  includeTerminating: boolean,
): PodEndpoint[] {
  const servicePorts = ((service.spec ?? {}) as { ports?: ServicePort[] }).ports ?? [];
  const result: PodEndpoint[] = [];
  for (const pod of pods) {
    if (!shouldBeEndpoint(pod, includeTerminating)) continue;
    const ports: EndpointPort[] = [];
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port !== undefined)
        ports.push({ name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' });
    }
    result.push({
      pod,
      ip: (pod.status as PodStatus).podIP as string,
      nodeName: (pod.spec as { nodeName?: string } | undefined)?.nodeName,
      ready: podIsReady(pod),
      terminating: pod.metadata.deletionTimestamp !== undefined,
      ports,
    });
  }
  return result.sort(
    (a, b) => compareIps(a.ip, b.ip) || (a.pod.metadata.name ?? '').localeCompare(b.pod.metadata.name ?? ''),
  );
}

function compareIps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function targetRef(pod: KubeObject): Record<string, string> {
  return {
    kind: 'Pod',
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
  };
}
