/**
 * A minimal protocol buffers writer, enough to encode the gnostic OpenAPI v2 messages:
 * varints, strings, bools, doubles and nested messages. A message is built as a list of
 * chunks and its length prefix computed when it is nested.
 */

export class ProtoMessage {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private tag(field: number, wireType: number): void {
    this.push(varint(field * 8 + wireType));
  }

  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    const bytes = Buffer.from(value, 'utf8');
    this.tag(field, 2);
    this.push(varint(bytes.length));
    this.push(bytes);
    return this;
  }

  strings(field: number, values: readonly string[] | undefined): this {
    for (const value of values ?? []) {
      // Repeated strings keep empty entries (proto3 omits only empty singular fields).
      const bytes = Buffer.from(value, 'utf8');
      this.tag(field, 2);
      this.push(varint(bytes.length));
      this.push(bytes);
    }
    return this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.tag(field, 0);
    this.push(varint(1));
    return this;
  }

  int64(field: number, value: number | undefined): this {
    if (value === undefined || value === 0 || !Number.isInteger(value) || value < 0) return this;
    this.tag(field, 0);
    this.push(varint(value));
    return this;
  }

  double(field: number, value: number | undefined): this {
    if (value === undefined || value === 0) return this;
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    this.tag(field, 1);
    this.push(bytes);
    return this;
  }

  /** A nested message; `undefined` leaves the field out, an empty message is still written. */
  message(field: number, value: ProtoMessage | undefined): this {
    if (!value) return this;
    this.tag(field, 2);
    this.push(varint(value.size));
    for (const chunk of value.chunks) this.push(chunk);
    return this;
  }

  messages(field: number, values: readonly ProtoMessage[]): this {
    for (const value of values) this.message(field, value);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

function varint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}
