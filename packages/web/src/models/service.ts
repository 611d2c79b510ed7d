import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, NONE, selectorText, textColumn, type ColumnDef } from './columns';

interface ServicePort {
  port: number;
  nodePort?: number;
  protocol?: string;
}

/** PORT(S): `80/TCP`, or `80:30080/TCP` with a node port. */
export function servicePorts(service: KubeObject): string {
  const ports = (service.spec?.ports ?? []) as ServicePort[];
  if (!ports.length) return NONE;
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

/** EXTERNAL-IP as kubectl prints it, `<pending>` for a load balancer still waiting for one. */
export function serviceExternalIp(service: KubeObject): string {
  const type = service.spec?.type ?? 'ClusterIP';
  const ingress = ((service.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[])
    .map((i) => i.ip ?? i.hostname)
    .filter(Boolean);
  const external = (service.spec?.externalIPs ?? []) as string[];
  if (type === 'ExternalName') return service.spec?.externalName ?? NONE;
  if (type === 'LoadBalancer') {
    const all = [...ingress, ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  return external.length ? external.join(',') : NONE;
}

export const serviceColumns: ColumnDef[] = [
  textColumn('type', (s) => s.spec?.type ?? 'ClusterIP', { minWidth: 130 }),
  textColumn('clusterIp', (s) => s.spec?.clusterIP, { render: 'mono', minWidth: 120 }),
  textColumn('externalIp', serviceExternalIp, { render: 'mono', minWidth: 150 }),
  textColumn('ports', servicePorts, { render: 'mono', minWidth: 130 }),
  ageColumn,
  textColumn('selector', (s) => selectorText(s.spec?.selector), { minWidth: 140 }),
];
