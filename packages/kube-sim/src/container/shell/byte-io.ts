/** Byte plumbing between commands: sources (stdin), sinks (stdout/stderr) and helpers. */

export type Sink = (chunk: Uint8Array | string) => void;

export interface ByteSource {
  /** The next chunk, or null at end of input. */
  read(): Promise<Uint8Array | null>;
  /** Gives back bytes read too early (a line reader's lookahead) so the next read sees them. */
  unread(chunk: Uint8Array): void;
}

const encoder = new TextEncoder();

export function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** A source over bytes already in memory (pipes between stages, `< file`, here-documents). */
export class BufferSource implements ByteSource {
  private pending: Uint8Array[];

  constructor(data: Uint8Array | string = new Uint8Array(0)) {
    const bytes = toBytes(data);
    this.pending = bytes.length > 0 ? [bytes] : [];
  }

  async read(): Promise<Uint8Array | null> {
    return this.pending.shift() ?? null;
  }

  unread(chunk: Uint8Array): void {
    if (chunk.length > 0) this.pending.unshift(chunk);
  }
}

/**
 * A source over the exec session's stdin stream. It drains the stream in the background so a
 * Ctrl-C typed while a command runs can be noticed (see `takeThrough`), and ends when the
 * stream does.
 */
export class StreamSource implements ByteSource {
  private readonly stream: AsyncIterable<Uint8Array | string> | null;
  private iterator: AsyncIterator<Uint8Array | string> | undefined;
  private readonly pending: Uint8Array[] = [];
  private waiting: (() => void) | undefined;
  private started = false;
  private ended = false;

  constructor(stream: AsyncIterable<Uint8Array | string> | null) {
    this.stream = stream;
    if (!stream) this.ended = true;
  }

  /** Starts draining the stream (idempotent). */
  start(): void {
    if (this.started || !this.stream) return;
    this.started = true;
    this.iterator = this.stream[Symbol.asyncIterator]();
    void this.pump(this.iterator);
  }

  private async pump(iterator: AsyncIterator<Uint8Array | string>): Promise<void> {
    try {
      for (;;) {
        const result = await iterator.next();
        if (result.done || this.ended) break;
        const bytes = toBytes(result.value);
        if (bytes.length > 0) this.pending.push(bytes);
        this.wake();
      }
    } catch {
      // A broken stdin stream ends input, as a closed pipe would.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private wake(): void {
    const waiter = this.waiting;
    this.waiting = undefined;
    waiter?.();
  }

  async read(): Promise<Uint8Array | null> {
    this.start();
    while (this.pending.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.pending.shift() ?? null;
  }

  unread(chunk: Uint8Array): void {
    if (chunk.length > 0) this.pending.unshift(chunk);
  }

  /** If `byte` has arrived but not been read, drops everything up to and including it. */
  takeThrough(byte: number): boolean {
    this.start();
    for (let i = 0; i < this.pending.length; i++) {
      const chunk = this.pending[i] as Uint8Array;
      const at = chunk.indexOf(byte);
      if (at < 0) continue;
      this.pending.splice(0, i + 1, ...(at + 1 < chunk.length ? [chunk.subarray(at + 1)] : []));
      return true;
    }
    return false;
  }

  /** Stops reading: the session is over. */
  close(): void {
    this.ended = true;
    this.wake();
    const iterator = this.iterator;
    if (iterator?.return) {
      try {
        void Promise.resolve(iterator.return()).catch(() => undefined);
      } catch {
        // The stream is already finishing.
      }
    }
  }
}

export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await source.read(); chunk; chunk = await source.read()) chunks.push(chunk);
  return concatBytes(chunks);
}

/**
 * Reads one line (up to and including '\n') and pushes any lookahead back into the source,
 * so a command started after the shell read its line sees exactly the remaining input.
 * Returns null at end of input; a final line without '\n' is returned as is.
 */
export async function readLine(source: ByteSource): Promise<string | null> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await source.read();
    if (!chunk) return parts.length > 0 ? utf8(concatBytes(parts)) : null;
    const newline = chunk.indexOf(0x0a);
    if (newline < 0) {
      parts.push(chunk);
      continue;
    }
    parts.push(chunk.subarray(0, newline + 1));
    source.unread(chunk.subarray(newline + 1));
    return utf8(concatBytes(parts));
  }
}

/** Collects everything written to it (pipe stages, command substitution, `> file`). */
export class CollectSink {
  private readonly chunks: Uint8Array[] = [];
  readonly sink: Sink = (chunk) => {
    const bytes = toBytes(chunk);
    if (bytes.length > 0) this.chunks.push(bytes);
  };

  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }

  text(): string {
    return utf8(this.bytes());
  }
}

/** The tty's ONLCR output translation: every '\n' leaves the terminal as "\r\n". */
export function translateNewlines(sink: Sink): Sink {
  return (chunk) => {
    if (typeof chunk === 'string') {
      sink(chunk.replace(/\n/g, '\r\n'));
      return;
    }
    if (chunk.indexOf(0x0a) < 0) {
      sink(chunk);
      return;
    }
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === 0x0a) out.push(0x0d);
      out.push(byte);
    }
    sink(Uint8Array.from(out));
  };
}
