/**
 * Columns of services and the objects around them: endpoints, endpoint slices, ingresses,
 * ingress classes and network policies.
 */
import type { KubeObject } from '../types.ts';
import { timestampSince } from './human-duration.ts';
import { ageColumn, at, column, doc, int, list, nameColumn, str, type Printer } from './printer.ts';
import { formatLabelSelector, formatLabels } from './selectors.ts';

const age = (obj: KubeObject, now: Date) => timestampSince(obj.metadata.creationTimestamp, now);

/** `80/TCP,443:30443/TCP` (makePortString). */
export function servicePorts(ports: unknown): string {
  return list(ports)
    .map((p) => {
      const port = int(at(p, 'port'));
      const protocol = str(at(p, 'protocol')) || 'TCP';
      const nodePort = int(at(p, 'nodePort'));
      return nodePort > 0 ? `${port}:${nodePort}/${protocol}` : `${port}/${protocol}`;
    })
    .join(',');
}

/** IPs or hostnames of a load balancer's ingress points, comma separated. */
function loadBalancerAddresses(status: unknown): string {
  return list(at(status, 'ingress'))
    .map((i) => str(at(i, 'ip')) || str(at(i, 'hostname')))
    .filter(Boolean)
    .join(',');
}

function serviceExternalIP(svc: KubeObject): string {
  const externalIPs = list(at(svc, 'spec', 'externalIPs')).map(str);
  switch (str(at(svc, 'spec', 'type')) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(at(svc, 'status', 'loadBalancer'));
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(at(svc, 'spec', 'externalName'));
    default:
      return '<unknown>';
  }
}

export const servicePrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Type', 'string', doc('V1ServiceSpec', 'type')),
    column('Cluster-IP', 'string', doc('V1ServiceSpec', 'clusterIP')),
    column('External-IP', 'string', doc('V1ServiceSpec', 'externalIPs')),
    column('Port(s)', 'string', doc('V1ServiceSpec', 'ports')),
    ageColumn(),
    column('Selector', 'string', doc('V1ServiceSpec', 'selector'), { priority: 1 }),
  ],
  cells: (obj, now) => {
    const spec = (obj.spec ?? {}) as Record<string, unknown>;
    const clusterIPs = list(spec.clusterIPs).map(str);
    const clusterIP = clusterIPs[0] || str(spec.clusterIP) || '<none>';
    return [
      obj.metadata.name,
      str(spec.type) || 'ClusterIP',
      clusterIP,
      serviceExternalIP(obj),
      servicePorts(spec.ports) || '<none>',
      age(obj, now),
      formatLabels(spec.selector),
    ];
  },
});

/** Up to three `ip:port` endpoints, then `+ N more...` (formatEndpoints). */
function formatEndpoints(subsets: unknown): string {
  if (list(subsets).length === 0) return '<none>';
  const shown: string[] = [];
  const max = 3;
  let count = 0;
  for (const subset of list(subsets)) {
    const addresses = list(at(subset, 'addresses')).map((a) => str(at(a, 'ip')));
    const ports = list(at(subset, 'ports'));
    const targets =
      ports.length === 0
        ? addresses
        : ports.flatMap((p) => addresses.map((ip) => hostPort(ip, int(at(p, 'port')))));
    count += targets.length;
    for (const target of targets) if (shown.length < max) shown.push(target);
  }
  const text = shown.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export const endpointsPrinter = (): Printer => ({
  columns: [nameColumn(), column('Endpoints', 'string', doc('V1Endpoints', 'subsets')), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, formatEndpoints(obj.subsets), age(obj, now)],
});

/** At most three entries and `+ N more...`; `<unset>` when there are none (listWithMoreString). */
function listWithMore(items: string[]): string {
  const max = 3;
  const text = items.slice(0, max).join(',');
  if (items.length > max) return `${text} + ${items.length - max} more...`;
  return text || '<unset>';
}

export const endpointSlicePrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('AddressType', 'string', doc('V1EndpointSlice', 'addressType')),
    column('Ports', 'string', doc('V1EndpointSlice', 'ports')),
    column('Endpoints', 'string', doc('V1EndpointSlice', 'endpoints')),
    ageColumn(),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    str(obj.addressType),
    listWithMore(
      list(obj.ports).map((p) => {
        const port = at(p, 'port');
        return typeof port === 'number' ? String(port) : str(at(p, 'name')) || '*';
      }),
    ),
    listWithMore(list(obj.endpoints).flatMap((e) => list(at(e, 'addresses')).map(str))),
    age(obj, now),
  ],
});

function ingressHosts(rules: unknown[]): string {
  const hosts = rules.map((r) => str(at(r, 'host'))).filter(Boolean);
  if (hosts.length === 0) return '*';
  const max = 3;
  const text = hosts.slice(0, max).join(',');
  return rules.length > max ? `${text} + ${rules.length - max} more...` : text;
}

export const ingressPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Class', 'string', doc('V1IngressSpec', 'ingressClassName')),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn(),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    str(at(obj, 'spec', 'ingressClassName')) || '<none>',
    ingressHosts(list(at(obj, 'spec', 'rules'))),
    loadBalancerAddresses(at(obj, 'status', 'loadBalancer')),
    list(at(obj, 'spec', 'tls')).length > 0 ? '80, 443' : '80',
    age(obj, now),
  ],
});

export const ingressClassPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn(),
  ],
  cells: (obj, now) => {
    const parameters = at(obj, 'spec', 'parameters');
    let text = '<none>';
    if (parameters) {
      const group = str(at(parameters, 'apiGroup'));
      text = `${str(at(parameters, 'kind'))}${group ? `.${group}` : ''}/${str(at(parameters, 'name'))}`;
    }
    return [obj.metadata.name, str(at(obj, 'spec', 'controller')), text, age(obj, now)];
  },
});

export const networkPolicyPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Pod-Selector', 'string', doc('V1NetworkPolicySpec', 'podSelector')),
    ageColumn(),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    formatLabelSelector(at(obj, 'spec', 'podSelector')),
    age(obj, now),
  ],
});
