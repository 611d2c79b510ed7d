import type { KubeObject } from '../api/kubeTypes';
import { age } from './age';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'primary';

/** A status as the console shows it: kubectl's word, coloured by what it means. */
export interface StatusText {
  text: string;
  tone: Tone;
}

/** The server sorts lists by these (packages/server/src/kube/resources/list-view.ts). */
export type SortField = 'name' | 'namespace' | 'creationTimestamp' | 'status';

/** One column of a resource table: what kubectl shows for the kind. */
export interface ColumnDef {
  id: string;
  /** i18n key of the header; CRD printer columns carry a literal `title` instead. */
  titleKey?: string;
  title?: string;
  /** How the cell is drawn: plain text, monospace, a coloured status tag, or a list of tags. */
  render?: 'text' | 'mono' | 'status' | 'tags';
  value(object: KubeObject, now: number): string;
  /** For `render: 'status'`. */
  status?(object: KubeObject): StatusText;
  /** For `render: 'tags'`. */
  tags?(object: KubeObject): string[];
  /** The server-side sort this column maps to, if any. */
  sort?: SortField;
  minWidth?: number;
}

export const ageColumn: ColumnDef = {
  id: 'age',
  titleKey: 'columns.age',
  value: (object, now) => age(object.metadata.creationTimestamp, now),
  sort: 'creationTimestamp',
  minWidth: 90,
};

/** kubectl's `CREATED AT` for the kinds that show a timestamp rather than an age (roles). */
export const createdAtColumn: ColumnDef = {
  id: 'createdAt',
  titleKey: 'columns.createdAt',
  value: (object) => object.metadata.creationTimestamp ?? '',
  sort: 'creationTimestamp',
  minWidth: 190,
};

export function textColumn(
  id: string,
  value: (object: KubeObject, now: number) => string | number | undefined | null,
  options: Partial<ColumnDef> = {},
): ColumnDef {
  return {
    id,
    titleKey: `columns.${id}`,
    value: (object, now) => {
      const result = value(object, now);
      return result === undefined || result === null || result === '' ? '' : String(result);
    },
    ...options,
  };
}

/** `<none>` the way kubectl prints an empty cell that means nothing, not unknown. */
export const NONE = '<none>';

export function joinOrNone(values: (string | undefined)[]): string {
  const present = values.filter((v): v is string => Boolean(v));
  return present.length ? present.join(',') : NONE;
}

/** `key=value,…` of a selector map, as kubectl prints it. */
export function selectorText(selector: Record<string, string> | undefined): string {
  const entries = Object.entries(selector ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : NONE;
}
