/**
 * What kube-apiserver's Service storage does on create and update, as a mutating admission
 * step: allocate a cluster IP from the service CIDR (or keep `None` for headless Services),
 * allocate node ports for NodePort and LoadBalancer Services, keep allocated values across
 * updates that omit them, and refuse taken or out-of-range values with the real 422 messages.
 */
import type { KubeObject, StatusCause } from '../types.ts';
import type { AdmissionPlugin } from '../api/admission.ts';
import { invalid } from '../api/errors.ts';
import { invalid as invalidField } from '../validation/field-errors.ts';
import {
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  SERVICE_CIDR,
  type ServiceAllocations,
} from './service-allocations.ts';

interface ServicePort {
  port?: number;
  protocol?: string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  allocateLoadBalancerNodePorts?: boolean;
}

function specOf(service: KubeObject | undefined): ServiceSpec {
  return (service?.spec ?? {}) as ServiceSpec;
}

function needsNodePorts(spec: ServiceSpec): boolean {
  return (
    spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
  );
}

export function serviceAllocationPlugin(allocations: ServiceAllocations): AdmissionPlugin {
  return {
    name: 'ServiceIPAndPortAllocation',
    mutate(request) {
      if (request.kind.group !== '' || request.kind.kind !== 'Service' || request.subresource !== undefined)
        return;
      if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return;
      const service = request.object;
      if (service === undefined) return;
      const key = `${request.namespace}/${request.name}`;
      const causes: StatusCause[] = [];
      if (request.operation === 'UPDATE') dropTypeDependentFields(service, request.oldObject);
      allocateClusterIP(service, request.oldObject, key, allocations, causes);
      allocateNodePorts(service, request.oldObject, key, allocations, causes);
      if (causes.length > 0) throw invalid(request.kind, request.name, causes);
    },
  };
}

function allocateClusterIP(
  service: KubeObject,
  old: KubeObject | undefined,
  key: string,
  allocations: ServiceAllocations,
  causes: StatusCause[],
): void {
  const spec = specOf(service);
  if (spec.type === 'ExternalName') return;
  const before = specOf(old);
  let ip = spec.clusterIP ?? spec.clusterIPs?.[0] ?? '';
  if (ip === '' && before.clusterIP) ip = before.clusterIP;
  if (ip === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    return;
  }
  if (ip === '') {
    const free = allocations.freeIp(new Set());
    if (free === undefined) {
      causes.push(invalidField('spec.clusterIPs', [], 'failed to allocate IP: range is full'));
      return;
    }
    ip = free;
  } else if (ip !== before.clusterIP) {
    if (!allocations.inRange(ip)) {
      causes.push(
        invalidField(
          'spec.clusterIPs',
          [ip],
          `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        ),
      );
      return;
    }
    const owner = allocations.ipOwner(ip);
    if (owner !== undefined && owner !== key) {
      causes.push(
        invalidField(
          'spec.clusterIPs',
          [ip],
          `failed to allocate IP ${ip}: provided IP is already allocated`,
        ),
      );
      return;
    }
  }
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

function allocateNodePorts(
  service: KubeObject,
  old: KubeObject | undefined,
  key: string,
  allocations: ServiceAllocations,
  causes: StatusCause[],
): void {
  const spec = specOf(service);
  if (!needsNodePorts(spec)) return;
  const previous = specOf(old).ports ?? [];
  const taken = new Set<number>();
  for (const [i, port] of (spec.ports ?? []).entries()) {
    const field = `spec.ports[${i}].nodePort`;
    if (port.nodePort === undefined || port.nodePort === 0) {
      // An update that leaves a node port out keeps the one allocated before.
      const kept = previous.find(
        (p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
      );
      if (kept?.nodePort) {
        port.nodePort = kept.nodePort;
        taken.add(kept.nodePort);
        continue;
      }
      const free = allocations.freePort(taken);
      if (free === undefined) {
        causes.push(invalidField(field, 0, 'failed to allocate a nodePort: range is full'));
        continue;
      }
      port.nodePort = free;
      taken.add(free);
      continue;
    }
    const nodePort = port.nodePort;
    if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
      causes.push(
        invalidField(
          field,
          nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
      continue;
    }
    const owner = allocations.portOwner(nodePort);
    if ((owner !== undefined && owner !== key) || taken.has(nodePort)) {
      if (!previous.some((p) => p.nodePort === nodePort) || taken.has(nodePort)) {
        causes.push(invalidField(field, nodePort, 'provided port is already allocated'));
        continue;
      }
    }
    taken.add(nodePort);
  }
}

/**
 * A type change drops what only the old type had (node ports leaving NodePort/LoadBalancer,
 * the cluster IP when becoming ExternalName) unless the request changed them itself.
 */
function dropTypeDependentFields(service: KubeObject, old: KubeObject | undefined): void {
  const spec = specOf(service) as ServiceSpec & Record<string, unknown>;
  const before = specOf(old);
  if (needsNodePorts(before) && !needsNodePorts(spec)) {
    for (const port of spec.ports ?? []) {
      if (port.nodePort !== undefined && (before.ports ?? []).some((p) => p.nodePort === port.nodePort))
        delete port.nodePort;
    }
  }
  if (spec.type === 'ExternalName' && before.type !== 'ExternalName') {
    if (spec.clusterIP === before.clusterIP) delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
}
