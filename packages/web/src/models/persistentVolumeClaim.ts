import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef, type StatusText } from './columns';

export function accessModes(object: KubeObject): string {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return ((object.spec?.accessModes ?? []) as string[]).map((m) => short[m] ?? m).join(',');
}

/** Bound is healthy, Pending is waiting, Lost/Failed/Released are not. */
export function volumePhase(object: KubeObject): StatusText {
  const phase: string = object.status?.phase ?? 'Pending';
  const tone =
    phase === 'Bound' || phase === 'Available' ? 'success' : phase === 'Pending' ? 'warning' : 'danger';
  return { text: object.metadata.deletionTimestamp ? 'Terminating' : phase, tone };
}

export const persistentVolumeClaimColumns: ColumnDef[] = [
  textColumn('status', (c) => volumePhase(c).text, {
    render: 'status',
    status: volumePhase,
    sort: 'status',
    minWidth: 100,
  }),
  textColumn('volume', (c) => c.spec?.volumeName, { minWidth: 200 }),
  textColumn('capacity', (c) => c.status?.capacity?.storage, { minWidth: 90 }),
  textColumn('accessModes', accessModes, { minWidth: 110 }),
  textColumn('storageClass', (c) => c.spec?.storageClassName, { minWidth: 120 }),
  ageColumn,
];
