import { describe, expect, it } from 'vitest';
import { isApiError } from '../../api/errors.ts';
import { decodeProtobufObject } from './decode.ts';

/** A minimal protobuf writer for building request bodies the way client-go does. */
function varint(n: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return bytes;
}
const field = (number: number, payload: number[] | string): number[] => {
  const bytes = typeof payload === 'string' ? [...Buffer.from(payload)] : payload;
  return [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes];
};
const intField = (number: number, value: number): number[] => [...varint(number << 3), ...varint(value)];

function envelope(apiVersion: string, kind: string, raw: number[]): Uint8Array {
  const typeMeta = [...field(1, apiVersion), ...field(2, kind)];
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta), ...field(2, raw)]);
}

describe('protobuf request bodies', () => {
  it('decodes a ConfigMap with labels and data, dropping empty fields like Go does', () => {
    const metadata = [
      ...field(1, 'settings'),
      ...field(2, ''),
      ...intField(7, 0),
      ...field(11, [...field(1, 'app'), ...field(2, 'web')]),
    ];
    const raw = [...field(1, metadata), ...field(2, [...field(1, 'color'), ...field(2, 'blue')])];
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', labels: { app: 'web' } },
      data: { color: 'blue' },
    });
  });

  it('keeps explicit zeros of pointer fields (replicas: 0)', () => {
    const spec = [...intField(1, 0)];
    const decoded = decodeProtobufObject(
      envelope('apps/v1', 'Deployment', [...field(1, field(1, 'idle')), ...field(2, spec)]),
    );
    expect(decoded.spec).toEqual({ replicas: 0 });
  });

  it('refuses kinds and non-empty fields it cannot decode with 415, never dropping data', () => {
    const unknownKind = envelope('v1', 'PersistentVolume', field(1, field(1, 'pv')));
    const unknownField = envelope('v1', 'ConfigMap', [...field(1, field(1, 'x')), ...field(9, 'surprise')]);
    for (const body of [unknownKind, unknownField]) {
      let error: unknown;
      try {
        decodeProtobufObject(body);
      } catch (err) {
        error = err;
      }
      expect(isApiError(error) && error.code === 415).toBe(true);
    }
    expect(
      decodeProtobufObject(envelope('v1', 'ConfigMap', [...field(1, field(1, 'x')), ...field(9, [])])),
    ).toMatchObject({
      metadata: { name: 'x' },
    });
  });

  it('rejects bodies without the k8s magic prefix', () => {
    expect(() => decodeProtobufObject(Uint8Array.from([1, 2, 3, 4, 5]))).toThrow(
      /does not appear to be a protobuf message/,
    );
  });
});
