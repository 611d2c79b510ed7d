import { age } from './age';
import { ageColumn, NONE, textColumn, type ColumnDef } from './columns';

export const cronJobColumns: ColumnDef[] = [
  textColumn('schedule', (c) => c.spec?.schedule, { render: 'mono', minWidth: 120 }),
  textColumn('timezone', (c) => c.spec?.timeZone ?? NONE, { minWidth: 100 }),
  textColumn('suspend', (c) => (c.spec?.suspend ? 'True' : 'False'), { minWidth: 90 }),
  textColumn('active', (c) => (c.status?.active ?? []).length, { minWidth: 80 }),
  textColumn('lastSchedule', (c, now) => age(c.status?.lastScheduleTime, now) || NONE, { minWidth: 120 }),
  ageColumn,
];
