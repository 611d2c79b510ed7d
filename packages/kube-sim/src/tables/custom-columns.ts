/**
 * Tables of custom resources, driven by the CRD's additionalPrinterColumns: the JSONPath subset
 * CRDs use (`.spec.replicas`, `.items[0].name`, `.list[*].x`,
 * `.status.conditions[?(@.type=="Ready")].status`) and the typed cells apiextensions produces
 * (integers, numbers, booleans, dates as ages).
 */
import type { KubeObject, TableColumnDefinition } from '../types.ts';
import { timestampSince } from './human-duration.ts';
import { doc, nameColumn, type Printer } from './printer.ts';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: string };

function parsePath(expression: string): Step[] {
  const path = expression
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  const steps: Step[] = [];
  const token =
    /\.([A-Za-z0-9_$-]+)|\['([^']*)'\]|\["([^"]*)"\]|\[(\d+)\]|\[\*\]|\[\?\(@\.([\w.-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+))\)\]/y;
  let match: RegExpExecArray | null;
  while (token.lastIndex < path.length && (match = token.exec(path))) {
    if (match[1] !== undefined || match[2] !== undefined || match[3] !== undefined) {
      steps.push({ kind: 'field', name: (match[1] ?? match[2] ?? match[3]) as string });
    } else if (match[4] !== undefined) {
      steps.push({ kind: 'index', index: Number(match[4]) });
    } else if (match[5] !== undefined) {
      const value = (match[7] ?? match[8] ?? match[9]) as string;
      steps.push({ kind: 'filter', path: match[5].split('.'), op: match[6] as '==' | '!=', value });
    } else {
      steps.push({ kind: 'all' });
    }
  }
  return steps;
}

function fieldOf(value: unknown, name: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** All values `expression` selects from `obj`, in document order. */
export function evaluateJsonPath(obj: unknown, expression: string): unknown[] {
  let current: unknown[] = [obj];
  for (const step of parsePath(expression)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'field') {
        const child = fieldOf(value, step.name);
        if (child !== undefined) next.push(child);
      } else if (!Array.isArray(value)) {
        continue;
      } else if (step.kind === 'index') {
        if (step.index < value.length) next.push(value[step.index]);
      } else if (step.kind === 'all') {
        next.push(...value);
      } else {
        for (const item of value) {
          const found = step.path.reduce<unknown>((v, key) => fieldOf(v, key), item);
          const text = found === undefined ? undefined : String(found);
          if (step.op === '==' ? text === step.value : text !== step.value) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

/** The typed cell apiextensions builds for one printer column value (cellForJSONValue). */
function cell(type: string, value: unknown, now: Date): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : timestampSince(value, now);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Without printer columns a custom resource table shows its name and age. */
const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: doc('V1ObjectMeta', 'creationTimestamp'),
  },
];

export function customColumnsPrinter(printerColumns: PrinterColumn[] | undefined): Printer {
  const columns = printerColumns && printerColumns.length > 0 ? printerColumns : DEFAULT_COLUMNS;
  const definitions: TableColumnDefinition[] = [
    nameColumn(),
    ...columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns: definitions,
    cells: (obj: KubeObject, now: Date) => [
      obj.metadata.name,
      ...columns.map((c) => cell(c.type, evaluateJsonPath(obj, c.jsonPath)[0], now)),
    ],
  };
}
