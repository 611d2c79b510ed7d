import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef, type StatusText } from './columns';

export function namespaceStatus(namespace: KubeObject): StatusText {
  const phase: string = namespace.status?.phase ?? 'Active';
  return { text: phase, tone: phase === 'Active' ? 'success' : 'warning' };
}

export const namespaceColumns: ColumnDef[] = [
  textColumn('status', (n) => namespaceStatus(n).text, {
    render: 'status',
    status: namespaceStatus,
    sort: 'status',
    minWidth: 100,
  }),
  ageColumn,
];
