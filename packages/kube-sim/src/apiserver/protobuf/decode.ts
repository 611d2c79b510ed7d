/**
 * Decodes `application/vnd.kubernetes.protobuf` request bodies: the `k8s\0` magic, the
 * runtime.Unknown envelope (typeMeta, raw), then the typed message through the field tables.
 * Kinds without a table, and messages carrying non-empty fields the tables do not know, are a
 * 415 like any other encoding kube-sim does not speak: nothing is dropped silently.
 */
import { badRequest, unsupportedMediaType } from '../../api/errors.ts';
import type { FieldSpec } from './field-spec.ts';
import { KIND_MESSAGES, MESSAGES } from './messages.ts';
import { readFields, signed64, WireError } from './wire.ts';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const decoder = new TextDecoder();

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function notSupported(): Error {
  return unsupportedMediaType(PROTOBUF, ['application/json', 'application/yaml']);
}

export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw badRequest(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  try {
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array = new Uint8Array();
    for (const field of readFields(body.subarray(4))) {
      if (field.number === 1 && field.bytes !== undefined) {
        for (const meta of readFields(field.bytes)) {
          if (meta.number === 1 && meta.bytes !== undefined) apiVersion = decoder.decode(meta.bytes);
          if (meta.number === 2 && meta.bytes !== undefined) kind = decoder.decode(meta.bytes);
        }
      } else if (field.number === 2 && field.bytes !== undefined) {
        raw = field.bytes;
      }
    }
    const message = KIND_MESSAGES[`${apiVersion}/${kind}`];
    if (message === undefined) throw notSupported();
    return { apiVersion, kind, ...decodeMessage(message, raw) };
  } catch (err) {
    if (err instanceof WireError) throw badRequest(`unable to decode protobuf body: ${err.message}`);
    throw err;
  }
}

function decodeMessage(name: string, bytes: Uint8Array): Record<string, unknown> {
  const spec = MESSAGES[name];
  if (spec === undefined) throw new Error(`no protobuf table for ${name}`);
  const result: Record<string, unknown> = {};
  for (const field of readFields(bytes)) {
    const fieldSpec = spec[field.number];
    if (fieldSpec === undefined) {
      // Go encodes every non-pointer field; unknown ones are fine as long as they are empty.
      if (!isZero(field.value, field.bytes)) throw notSupported();
      continue;
    }
    const value = decodeValue(fieldSpec, field.value, field.bytes);
    if (fieldSpec.inline === true) {
      Object.assign(result, value);
    } else if (
      fieldSpec.type === 'stringMap' ||
      fieldSpec.type === 'bytesMap' ||
      fieldSpec.type === 'quantityMap'
    ) {
      const [key, entry] = value as [string, unknown];
      result[fieldSpec.name] = { ...((result[fieldSpec.name] as object | undefined) ?? {}), [key]: entry };
    } else if (fieldSpec.repeated === true) {
      ((result[fieldSpec.name] ??= []) as unknown[]).push(value);
    } else if (value !== undefined) {
      result[fieldSpec.name] = value;
    }
  }
  return result;
}

/** True for a zero scalar, or an empty message / a message whose fields are all zero. */
function isZero(value: bigint | undefined, bytes: Uint8Array | undefined): boolean {
  if (bytes === undefined) return (value ?? 0n) === 0n;
  if (bytes.length === 0) return true;
  try {
    for (const field of readFields(bytes)) if (!isZero(field.value, field.bytes)) return false;
    return true;
  } catch {
    return false;
  }
}

function text(bytes: Uint8Array | undefined): string {
  return decoder.decode(bytes ?? new Uint8Array());
}

function entry(bytes: Uint8Array | undefined): [string, Uint8Array | undefined] {
  let key = '';
  let value: Uint8Array | undefined;
  for (const part of readFields(bytes ?? new Uint8Array())) {
    if (part.number === 1) key = text(part.bytes);
    if (part.number === 2) value = part.bytes;
  }
  return [key, value];
}

function decodeValue(spec: FieldSpec, value: bigint | undefined, bytes: Uint8Array | undefined): unknown {
  const type = spec.type;
  if (typeof type === 'object') return decodeMessage(type.message, bytes ?? new Uint8Array());
  switch (type) {
    case 'string':
    case 'string?': {
      const decoded = text(bytes);
      return decoded === '' && type === 'string' && spec.repeated !== true ? undefined : decoded;
    }
    case 'int':
    case 'int?': {
      const n = signed64(value ?? 0n);
      return n === 0 && type === 'int' ? undefined : n;
    }
    case 'bool':
    case 'bool?': {
      const b = (value ?? 0n) !== 0n;
      return !b && type === 'bool' ? undefined : b;
    }
    case 'time': {
      let seconds = 0;
      for (const part of readFields(bytes ?? new Uint8Array())) {
        if (part.number === 1) seconds = signed64(part.value ?? 0n);
      }
      if (seconds === 0) return undefined;
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'stringMap': {
      const [key, raw] = entry(bytes);
      return [key, text(raw)];
    }
    case 'bytesMap': {
      const [key, raw] = entry(bytes);
      return [key, Buffer.from(raw ?? new Uint8Array()).toString('base64')];
    }
    case 'quantityMap': {
      const [key, raw] = entry(bytes);
      let quantity = '';
      for (const part of readFields(raw ?? new Uint8Array()))
        if (part.number === 1) quantity = text(part.bytes);
      return [key, quantity];
    }
    case 'intOrString': {
      let kind = 0;
      let intVal = 0;
      let strVal = '';
      for (const part of readFields(bytes ?? new Uint8Array())) {
        if (part.number === 1) kind = signed64(part.value ?? 0n);
        if (part.number === 2) intVal = signed64(part.value ?? 0n);
        if (part.number === 3) strVal = text(part.bytes);
      }
      return kind === 1 ? strVal : intVal;
    }
  }
}
