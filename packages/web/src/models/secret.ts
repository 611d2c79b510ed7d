import { ageColumn, textColumn, type ColumnDef } from './columns';
import { dataCount } from './configMap';

export const secretColumns: ColumnDef[] = [
  textColumn('type', (s) => s.type ?? 'Opaque', { minWidth: 200 }),
  textColumn('data', dataCount, { minWidth: 80 }),
  ageColumn,
];
