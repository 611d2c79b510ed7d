import type { Readable } from 'node:stream';
import { payloadTooLarge } from '../errors/errors.ts';

/**
 * Reads a request body that no content-type parser consumed (the native API proxy leaves
 * bodies as streams), refusing one larger than `limitBytes` with a 413.
 */
export async function readBody(stream: Readable, limitBytes = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limitBytes) throw payloadTooLarge(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
