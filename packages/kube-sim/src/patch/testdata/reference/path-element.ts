/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * Path elements of structured-merge-diff (sigs.k8s.io/structured-merge-diff/fieldpath): how a
 * field, a keyed list item, a set item or an index is named, serialized in fieldsV1
 * (`f:`, `k:`, `v:`, `i:`), ordered, and printed in conflict messages.
 */
import { compareGoStrings, goJsonMarshal, goQuote, goValueString } from '../../go-format.ts';
import { isJsonObject } from '../../json-values.ts';

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: ReadonlyArray<readonly [string, unknown]> }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type Path = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { kind: 'field', name };
}

/** A keyed list item; key fields are kept sorted by name, as the fieldpath package does. */
export function keyElement(fields: ReadonlyArray<readonly [string, unknown]>): PathElement {
  return { kind: 'key', fields: [...fields].sort(([a], [b]) => compareGoStrings(a, b)) };
}

export function valueElement(value: unknown): PathElement {
  return { kind: 'value', value };
}

/** The fieldsV1 key of an element, e.g. `k:{"containerPort":80,"protocol":"TCP"}`. */
export function serializePathElement(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `f:${element.name}`;
    case 'key':
      return `k:${goJsonMarshal(Object.fromEntries(element.fields))}`;
    case 'value':
      return `v:${goJsonMarshal(element.value)}`;
    case 'index':
      return `i:${element.index}`;
  }
}

/** Parses a fieldsV1 key; returns undefined for element types this version does not know. */
export function parsePathElement(text: string): PathElement | undefined {
  if (text.length < 2 || text[1] !== ':') throw new Error(`missing colon: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(JSON.parse(body));
    case 'k': {
      const parsed: unknown = JSON.parse(body);
      if (!isJsonObject(parsed)) throw new Error(`invalid key element: ${text}`);
      return keyElement(Object.entries(parsed));
    }
    case 'i':
      return { kind: 'index', index: Number.parseInt(body, 10) };
    default:
      return undefined;
  }
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** PathElement.Compare: fields < keys < values < indices, then by content. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind === 'field' && b.kind === 'field') return compareGoStrings(a.name, b.name);
  if (a.kind === 'key' && b.kind === 'key') return compareFieldLists(a.fields, b.fields);
  if (a.kind === 'value' && b.kind === 'value') return compareValues(a.value, b.value);
  if (a.kind === 'index' && b.kind === 'index') return Math.sign(a.index - b.index);
  return 0;
}

function compareFieldLists(
  a: ReadonlyArray<readonly [string, unknown]>,
  b: ReadonlyArray<readonly [string, unknown]>,
): number {
  for (let i = 0; ; i++) {
    const left = a[i];
    const right = b[i];
    if (!left && !right) return 0;
    if (!left) return -1;
    if (!right) return 1;
    const byName = compareGoStrings(left[0], right[0]);
    if (byName !== 0) return byName;
    const byValue = compareValues(left[1], right[1]);
    if (byValue !== 0) return byValue;
  }
}

function valueRank(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (Array.isArray(value)) return 3;
  if (isJsonObject(value)) return 4;
  return 5;
}

/** value.Compare: numbers < strings < booleans < lists < maps < null. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = valueRank(a) - valueRank(b);
  if (rank !== 0) return Math.sign(rank);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareGoStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const byItem = compareValues(a[i], b[i]);
      if (byItem !== 0) return byItem;
    }
    return Math.sign(a.length - b.length);
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const toFields = (m: Record<string, unknown>): Array<[string, unknown]> =>
      Object.keys(m)
        .sort(compareGoStrings)
        .map((key) => [key, m[key]]);
    return compareFieldLists(toFields(a), toFields(b));
  }
  return 0;
}

/** Path.String(): `.spec.containers[name="nginx"].image`. */
export function pathToString(path: Path): string {
  return path.map(describeElement).join('');
}

function describeElement(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `.${element.name}`;
    case 'key':
      return `[${element.fields.map(([name, value]) => `${name}=${describeValue(value)}`).join(',')}]`;
    case 'value':
      return `[=${describeValue(element.value)}]`;
    case 'index':
      return `[${element.index}]`;
  }
}

/** value.ToString: strings quoted with %q, containers in a compact brace notation. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort(compareGoStrings)
      .map((key) => `${key}=${describeValue(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return goValueString(value);
}
