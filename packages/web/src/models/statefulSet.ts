import { ageColumn, textColumn, type ColumnDef } from './columns';
import { containerImages, containerNames, readyReplicas, readyStatus } from './deployment';

export const statefulSetColumns: ColumnDef[] = [
  textColumn('ready', readyReplicas, { render: 'status', status: readyStatus, minWidth: 90 }),
  ageColumn,
  textColumn('containers', (s) => containerNames(s).join(','), { minWidth: 120 }),
  textColumn('images', (s) => containerImages(s).join(','), { render: 'mono', minWidth: 220 }),
];
