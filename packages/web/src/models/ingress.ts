import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, NONE, textColumn, type ColumnDef } from './columns';

export function ingressHosts(ingress: KubeObject): string {
  const hosts = ((ingress.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host ?? '*');
  return hosts.length ? hosts.join(',') : '*';
}

export function ingressAddress(ingress: KubeObject): string {
  const entries = (ingress.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
  return entries
    .map((e) => e.ip ?? e.hostname)
    .filter(Boolean)
    .join(',');
}

/** PORTS: 80, and 443 when the ingress terminates TLS. */
export function ingressPorts(ingress: KubeObject): string {
  return (ingress.spec?.tls ?? []).length ? '80, 443' : '80';
}

export const ingressColumns: ColumnDef[] = [
  textColumn('class', (i) => i.spec?.ingressClassName ?? NONE, { minWidth: 100 }),
  textColumn('hosts', ingressHosts, { minWidth: 160 }),
  textColumn('address', ingressAddress, { render: 'mono', minWidth: 130 }),
  textColumn('ports', ingressPorts, { minWidth: 80 }),
  ageColumn,
];
