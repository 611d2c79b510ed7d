import type { KubeObject } from '../api/kubeTypes';
import { age } from './age';
import { ageColumn, textColumn, type ColumnDef } from './columns';
import { jsonPathText } from './jsonPath';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  additionalPrinterColumns?: { name: string; type: string; jsonPath: string; priority?: number }[];
}

export function crdVersions(crd: KubeObject): CrdVersion[] {
  return (crd.spec?.versions ?? []) as CrdVersion[];
}

/** The version the console lists a custom resource in: the storage version, else the first served. */
export function crdPreferredVersion(crd: KubeObject): string {
  const versions = crdVersions(crd).filter((v) => v.served !== false);
  return (versions.find((v) => v.storage) ?? versions[0])?.name ?? 'v1';
}

export const customResourceDefinitionColumns: ColumnDef[] = [
  textColumn('group', (c) => c.spec?.group, { minWidth: 160 }),
  textColumn('kind', (c) => c.spec?.names?.kind, { minWidth: 120 }),
  textColumn(
    'versions',
    (c) =>
      crdVersions(c)
        .map((v) => v.name)
        .join(','),
    { minWidth: 100 },
  ),
  textColumn('scope', (c) => c.spec?.scope, { minWidth: 100 }),
  ageColumn,
];

/**
 * The columns of a custom resource: the CRD's additionalPrinterColumns for the version shown
 * (priority 0, as `kubectl get` without -o wide), AGE last like kubectl.
 */
export function printerColumns(crd: KubeObject, version: string): ColumnDef[] {
  const defined = crdVersions(crd).find((v) => v.name === version)?.additionalPrinterColumns ?? [];
  const columns: ColumnDef[] = defined
    .filter((c) => (c.priority ?? 0) === 0)
    .map((column) => ({
      id: `printer-${column.name}`,
      title: column.name.toUpperCase(),
      render: column.type === 'string' ? 'text' : 'mono',
      value: (object: KubeObject, now: number) => {
        const text = jsonPathText(object, column.jsonPath);
        return column.type === 'date' ? age(text, now) : text;
      },
      minWidth: 110,
    }));
  if (!columns.some((c) => c.title === 'AGE')) columns.push(ageColumn);
  return columns;
}
