/**
 * What a table printer is: the column definitions of a kind and a function from one object to
 * its cells. Column descriptions are the API field docs, as the real printers take them from
 * SwaggerDoc(); here they come from the client-node models.
 */
import type { KubeObject, TableColumnDefinition } from '../types.ts';
import { readModel } from '../schema/client-models.ts';

export interface Printer {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, now: Date): unknown[];
}

/** The documentation of `model.field`, e.g. doc('V1ObjectMeta', 'name'). */
export function doc(model: string, field: string): string {
  return readModel(model)?.fields.find((f) => f.name === field)?.description ?? '';
}

export function column(
  name: string,
  type: string,
  description: string,
  options: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

export const nameColumn = (): TableColumnDefinition =>
  column('Name', 'string', doc('V1ObjectMeta', 'name'), { format: 'name' });
export const ageColumn = (): TableColumnDefinition =>
  column('Age', 'string', doc('V1ObjectMeta', 'creationTimestamp'));
export const createdAtColumn = (): TableColumnDefinition =>
  column('Created At', 'date', doc('V1ObjectMeta', 'creationTimestamp'));
export const containersColumn = (): TableColumnDefinition =>
  column('Containers', 'string', 'Names of each container in the template.', { priority: 1 });
export const imagesColumn = (): TableColumnDefinition =>
  column('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 });

/** Reads a nested field without ceremony: at(obj, 'spec', 'template', 'spec'). */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The container names and images of a pod template, comma separated (layoutContainerCells). */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(at(podSpec, 'containers'));
  return [
    containers.map((c) => str(at(c, 'name'))).join(','),
    containers.map((c) => str(at(c, 'image'))).join(','),
  ];
}

/** printBoolPtr: True / False / <unset>. */
export function boolPtr(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

/** A condition of the given type with status True is present. */
export function hasTrueCondition(conditions: unknown, type: string): boolean {
  return list(conditions).some((c) => at(c, 'type') === type && at(c, 'status') === 'True');
}
