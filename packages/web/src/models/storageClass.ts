import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef } from './columns';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export function isDefaultStorageClass(storageClass: KubeObject): boolean {
  return storageClass.metadata.annotations?.[DEFAULT_CLASS] === 'true';
}

export const storageClassColumns: ColumnDef[] = [
  textColumn('provisioner', (s) => s.provisioner, { minWidth: 200 }),
  textColumn('reclaimPolicy', (s) => s.reclaimPolicy ?? 'Delete', { minWidth: 120 }),
  textColumn('volumeBindingMode', (s) => s.volumeBindingMode ?? 'Immediate', { minWidth: 150 }),
  textColumn('allowVolumeExpansion', (s) => (s.allowVolumeExpansion ? 'true' : 'false'), { minWidth: 150 }),
  textColumn('default', (s) => (isDefaultStorageClass(s) ? 'default' : ''), { minWidth: 90 }),
  ageColumn,
];
