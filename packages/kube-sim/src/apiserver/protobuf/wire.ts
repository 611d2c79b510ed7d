/** Protocol Buffers wire format: reading tagged fields (varint, 64-bit, length-delimited, 32-bit). */

export interface WireField {
  number: number;
  wireType: 0 | 1 | 2 | 5;
  /** varint / fixed values */
  value?: bigint;
  /** length-delimited payload */
  bytes?: Uint8Array;
}

export class WireError extends Error {}

export function* readFields(buffer: Uint8Array): Generator<WireField> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buffer.length) throw new WireError('unexpected EOF');
      const byte = buffer[pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new WireError('varint overflow');
    }
  };
  const fixed = (size: number): bigint => {
    if (pos + size > buffer.length) throw new WireError('unexpected EOF');
    let result = 0n;
    for (let i = size - 1; i >= 0; i--) result = (result << 8n) | BigInt(buffer[pos + i] as number);
    pos += size;
    return result;
  };
  while (pos < buffer.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    switch (wireType) {
      case 0:
        yield { number, wireType, value: varint() };
        break;
      case 1:
        yield { number, wireType, value: fixed(8) };
        break;
      case 2: {
        const length = Number(varint());
        if (pos + length > buffer.length) throw new WireError('unexpected EOF');
        yield { number, wireType, bytes: buffer.subarray(pos, pos + length) };
        pos += length;
        break;
      }
      case 5:
        yield { number, wireType, value: fixed(4) };
        break;
      default:
        throw new WireError(`illegal wireType ${wireType}`);
    }
  }
}

/** Two's-complement reinterpretation of a varint as a signed 64-bit integer. */
export function signed64(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}
