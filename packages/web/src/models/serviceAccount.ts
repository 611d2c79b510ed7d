import { ageColumn, textColumn, type ColumnDef } from './columns';

export const serviceAccountColumns: ColumnDef[] = [
  textColumn('secrets', (s) => (s.secrets ?? []).length, { minWidth: 80 }),
  ageColumn,
];
