import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, textColumn, type ColumnDef } from './columns';

/** DATA: how many keys, text and binary together. */
export function dataCount(object: KubeObject): number {
  return Object.keys(object.data ?? {}).length + Object.keys(object.binaryData ?? {}).length;
}

export const configMapColumns: ColumnDef[] = [textColumn('data', dataCount, { minWidth: 80 }), ageColumn];
