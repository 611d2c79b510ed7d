import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef } from './columns';

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

function subjects(binding: KubeObject, kind: string): string {
  return ((binding.subjects ?? []) as Subject[])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(',');
}

/** RoleBindings and ClusterRoleBindings, with `-o wide`'s subjects. */
export const roleBindingColumns: ColumnDef[] = [
  textColumn('role', (b) => `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, { minWidth: 200 }),
  ageColumn,
  textColumn('users', (b) => subjects(b, 'User'), { minWidth: 110 }),
  textColumn('groups', (b) => subjects(b, 'Group'), { minWidth: 140 }),
  textColumn('serviceAccounts', (b) => subjects(b, 'ServiceAccount'), { minWidth: 160 }),
];
