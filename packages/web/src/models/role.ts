import { createdAtColumn, textColumn, type ColumnDef } from './columns';

/** Roles and ClusterRoles: kubectl shows only when they were created; the rule count helps. */
export const roleColumns: ColumnDef[] = [
  textColumn('rules', (r) => (r.rules ?? []).length, { minWidth: 80 }),
  createdAtColumn,
];
