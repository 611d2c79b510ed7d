/**
 * How the protobuf tables describe a field. Scalar types mirror Go's omitempty: 'string' drops
 * "", 'int' drops 0 and 'bool' drops false, while the '?' variants (Go pointer fields) keep zero
 * values. `inline` merges a nested message into its parent (Go's embedded structs, e.g. an
 * IngressRule's IngressRuleValue).
 */

export type FieldType =
  | 'string'
  | 'string?'
  | 'int'
  | 'int?'
  | 'bool'
  | 'bool?'
  | 'time'
  | 'stringMap'
  /** map<string, bytes>, base64 in JSON (Secret.data, ConfigMap.binaryData) */
  | 'bytesMap'
  /** map<string, Quantity> (resource lists) */
  | 'quantityMap'
  /** IntOrString: a number or a string in JSON */
  | 'intOrString'
  | { message: string };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
  inline?: boolean;
}

export type Message = Record<number, FieldSpec>;

export const f = (name: string, type: FieldType, repeated = false): FieldSpec => ({ name, type, repeated });
export const m = (message: string): FieldType => ({ message });
export const list = (name: string, message: string): FieldSpec => f(name, m(message), true);
export const inline = (message: string): FieldSpec => ({ name: '', type: m(message), inline: true });
