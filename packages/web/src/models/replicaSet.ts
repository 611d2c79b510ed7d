import { ageColumn, textColumn, type ColumnDef } from './columns';
import { containerImages } from './deployment';

export const replicaSetColumns: ColumnDef[] = [
  textColumn('desired', (r) => r.spec?.replicas ?? 0, { minWidth: 90 }),
  textColumn('current', (r) => r.status?.replicas ?? 0, { minWidth: 90 }),
  textColumn('ready', (r) => r.status?.readyReplicas ?? 0, { minWidth: 80 }),
  ageColumn,
  textColumn('images', (r) => containerImages(r).join(','), { render: 'mono', minWidth: 220 }),
];
