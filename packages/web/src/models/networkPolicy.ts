import { ageColumn, selectorText, textColumn, type ColumnDef } from './columns';

export const networkPolicyColumns: ColumnDef[] = [
  textColumn('podSelector', (p) => selectorText(p.spec?.podSelector?.matchLabels), { minWidth: 200 }),
  ageColumn,
];
