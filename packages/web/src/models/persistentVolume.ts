import { ageColumn, textColumn, type ColumnDef } from './columns';
import { accessModes, volumePhase } from './persistentVolumeClaim';

export const persistentVolumeColumns: ColumnDef[] = [
  textColumn('capacity', (v) => v.spec?.capacity?.storage, { minWidth: 90 }),
  textColumn('accessModes', accessModes, { minWidth: 110 }),
  textColumn('reclaimPolicy', (v) => v.spec?.persistentVolumeReclaimPolicy, { minWidth: 120 }),
  textColumn('status', (v) => volumePhase(v).text, {
    render: 'status',
    status: volumePhase,
    sort: 'status',
    minWidth: 100,
  }),
  textColumn(
    'claim',
    (v) => (v.spec?.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : ''),
    {
      minWidth: 160,
    },
  ),
  textColumn('storageClass', (v) => v.spec?.storageClassName, { minWidth: 120 }),
  ageColumn,
];
