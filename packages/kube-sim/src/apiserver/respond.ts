/** Writing responses: objects (JSON or YAML), Status errors, and large lists streamed in chunks. */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import type { ApiError } from '../api/errors.ts';

export interface ResponseOptions {
  headers?: Record<string, string>;
  warnings?: string[];
  yaml?: boolean;
  contentType?: string;
}

/** Headers every real API server response carries. */
export function commonHeaders(res: ServerResponse, warnings: string[] = []): void {
  res.setHeader('Audit-Id', randomUUID());
  res.setHeader('Cache-Control', 'no-cache, private');
  if (warnings.length > 0) {
    res.setHeader(
      'Warning',
      warnings.map((w) => `299 - ${JSON.stringify(w)}`),
    );
  }
}

export function writeObject(
  res: ServerResponse,
  code: number,
  body: unknown,
  options: ResponseOptions = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  commonHeaders(res, options.warnings);
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  const yaml = options.yaml === true;
  const text = yaml ? toYaml(body) : JSON.stringify(body);
  res.setHeader('Content-Type', options.contentType ?? (yaml ? 'application/yaml' : 'application/json'));
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.statusCode = code;
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export function writeError(res: ServerResponse, err: ApiError, warnings: string[] = []): void {
  writeObject(res, err.status.code, err.status, { headers: err.headers, warnings });
}

/** A plain-text answer (health checks, the bare 404 of unknown non-API paths). */
export function writeText(
  res: ServerResponse,
  code: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  commonHeaders(res);
  res.setHeader('Content-Type', contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.statusCode = code;
  res.end(text);
}

const CHUNK_ITEMS = 256;

/**
 * Streams `{...envelope, items: [...]}` without building one giant string, honouring
 * backpressure, so listing 30,000 pods neither blocks the event loop for long nor doubles memory.
 */
export async function writeListStreaming(
  res: ServerResponse,
  envelope: Record<string, unknown>,
  items: readonly unknown[],
  options: ResponseOptions = {},
): Promise<void> {
  if (options.yaml === true) {
    writeObject(res, 200, { ...envelope, items }, options);
    return;
  }
  commonHeaders(res, options.warnings);
  res.setHeader('Content-Type', 'application/json');
  res.statusCode = 200;
  const head = JSON.stringify(envelope);
  res.write(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"items":[`);
  for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
    const chunk = items.slice(i, i + CHUNK_ITEMS).map((item) => JSON.stringify(item));
    const ok = res.write((i === 0 ? '' : ',') + chunk.join(','));
    if (!ok && !res.destroyed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    if (res.destroyed) return;
  }
  res.end(']}');
}
