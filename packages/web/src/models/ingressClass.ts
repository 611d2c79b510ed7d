import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, NONE, textColumn, type ColumnDef } from './columns';

function parameters(ingressClass: KubeObject): string {
  const ref = ingressClass.spec?.parameters as
    { kind?: string; name?: string; apiGroup?: string } | undefined;
  if (!ref?.kind) return NONE;
  return `${ref.kind}.${ref.apiGroup ?? ''}/${ref.name ?? ''}`;
}

export const ingressClassColumns: ColumnDef[] = [
  textColumn('controller', (c) => c.spec?.controller, { minWidth: 200 }),
  textColumn('parameters', parameters, { minWidth: 120 }),
  ageColumn,
];
