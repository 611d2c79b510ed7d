/**
 * Field errors as apimachinery's field.Error renders them: the cause `message` is the error
 * body (`Required value`, `Invalid value: "Foo_Bar": <detail>`, `Unsupported value: "x":
 * supported values: "a", "b"`) and `field` the path (`spec.containers[0].image`). Values are
 * printed the way Go's %q / %v / %#v print them, because kubectl users read them verbatim.
 */
import type { StatusCause } from '../types.ts';

/** A Go-syntax rendering of a value, as `%#v` would print the corresponding Go value. */
export type GoValue = { goSyntax: string };

export function goSyntax(text: string): GoValue {
  return { goSyntax: text };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** How `Invalid value: …` prints a bad value. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'goSyntax' in value) return (value as GoValue).goSyntax;
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string')
      ? `[]string{${value.map((v) => quote(v as string)).join(', ')}}`
      : JSON.stringify(value);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([, v]) => typeof v === 'string')) return goStringMap(value as Record<string, string>);
  return JSON.stringify(value);
}

/** `map[string]string{"a":"b", "c":"d"}`, keys sorted, or `map[string]string(nil)`. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const entries = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${quote(k)}:${quote(v)}`).join(', ')}}`;
}

export function required(field: string, detail = ''): StatusCause {
  return {
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  };
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
  const body = `Invalid value: ${formatValue(value)}`;
  return { reason: 'FieldValueInvalid', message: detail ? `${body}: ${detail}` : body, field };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): StatusCause {
  const list = supported.map(quote).join(', ');
  return {
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${formatValue(value)}${list ? `: supported values: ${list}` : ''}`,
    field,
  };
}

export function duplicate(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}`, field };
}

export function forbidden(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueForbidden', message: detail ? `Forbidden: ${detail}` : 'Forbidden', field };
}

export function notFound(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueNotFound', message: `Not found: ${formatValue(value)}`, field };
}

export function tooLong(field: string, maxLength: number): StatusCause {
  return { reason: 'FieldValueTooLong', message: `Too long: may not be more than ${maxLength} bytes`, field };
}

/** `field: body`, as the error is printed inside a Status message. */
export function causeText(cause: StatusCause): string {
  return cause.field ? `${cause.field}: ${cause.message}` : cause.message;
}

/** A field path builder: path('spec', 'containers', 0, 'name') → spec.containers[0].name. */
export function path(...parts: Array<string | number>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (part.startsWith('[')) out += part;
    else out += out ? `.${part}` : part;
  }
  return out;
}
