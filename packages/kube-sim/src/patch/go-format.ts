/**
 * Go formatting of decoded JSON values, so that error messages and serialized keys come out
 * byte-for-byte like the Go code of the apiserver produces them. Integers are taken to be the
 * int64 the apiserver decodes them to (it unmarshals with PreserveInts), other numbers float64.
 */
import { isJsonObject } from './json-values.ts';

/** reflect.TypeOf(v).String() for a value decoded into interface{}. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (isJsonObject(value)) return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/** The JSON type name encoding/json uses in `json: cannot unmarshal X into Go value of type Y`. */
export function goUnmarshalTypeError(value: unknown, goType: string): string {
  let jsonType: string;
  if (Array.isArray(value)) jsonType = 'array';
  else if (isJsonObject(value)) jsonType = 'object';
  else if (typeof value === 'boolean') jsonType = 'bool';
  else jsonType = typeof value;
  return `json: cannot unmarshal ${jsonType} into Go value of type ${goType}`;
}

/** fmt's %v. Maps print with sorted keys (fmt sorts them), slices space-separated. */
export function goValueString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueString).join(' ')}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort(compareGoStrings)
      .map((key) => `${key}:${goValueString(value[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number') return goNumberString(value);
  return String(value);
}

/** fmt's %s: a string as is, anything else as Go's "bad verb" notation. */
export function goStringVerb(value: unknown): string {
  if (typeof value === 'string') return value;
  return `%!s(${goTypeName(value)}=${goValueString(value)})`;
}

function goNumberString(value: number): string {
  if (Number.isInteger(value)) return String(value);
  // %v of a float64 is %g with the shortest precision: exponent form from 1e6 on and below 1e-4.
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 6) {
    const [mantissa = '', power = '0'] = value.toExponential().split('e');
    const sign = power.startsWith('-') ? '-' : '+';
    const digits = power.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** strings.Compare order (byte order of UTF-8; equal to code unit order outside surrogates). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** strconv.Quote, which is what %q prints. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return `${out}"`;
}

/** encoding/json.Marshal: map keys sorted, `<`, `>` and `&` escaped as the standard library does. */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort(compareGoStrings)
      .map((key) => `${goJsonString(key)}:${goJsonMarshal(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'string') return goJsonString(value);
  // JS and Go switch to exponent notation at the same magnitudes (1e-6, 1e21).
  return JSON.stringify(value);
}

function goJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      char === '<' ||
      char === '>' ||
      char === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `${out}"`;
}
