/**
 * Reads and decodes request bodies: JSON and YAML objects, JSON patches, apply patches (YAML).
 * Malformed bodies get the real server's 400 messages; unsupported encodings a 415.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ApiError, badRequest, statusFailure, unsupportedMediaType } from '../api/errors.ts';
import { APPLY_PATCH } from '../api/patches.ts';
import { mediaType } from './negotiation.ts';
import { decodeProtobufObject, PROTOBUF } from './protobuf/decode.ts';

/** kube-apiserver's default --max-request-body-bytes is 3 MiB; a little more is harmless. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const OBJECT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(
        statusFailure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'),
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Decodes a create/update body. */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): unknown {
  const type = mediaType(contentType);
  if (type === '' || type === 'application/json' || type === '*/*') return parseJson(body);
  if (type === 'application/yaml') return parseYamlBody(body);
  if (type === PROTOBUF) return decodeProtobufObject(body);
  throw unsupportedMediaType(type, OBJECT_TYPES);
}

/** Decodes a PATCH body of an already validated patch type. */
export function decodePatchBody(patchType: string, body: Buffer): unknown {
  if (patchType === APPLY_PATCH) return parseYamlBody(body);
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(goJsonError(text, err));
  }
}

/** Optional bodies (DELETE options): empty means none. */
export function decodeOptionalBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  return decodeObjectBody(contentType, body);
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(text, err)}`);
  }
}

function parseYamlBody(body: Buffer): unknown {
  try {
    return parseYaml(body.toString('utf8'), { uniqueKeys: false, version: '1.1' }) as unknown;
  } catch (err) {
    const message = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    throw badRequest(`error converting YAML to JSON: yaml: ${message ?? ''}`);
  }
}

/** Go's encoding/json wording for a JavaScript JSON.parse failure. */
export function goJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const position = /position (\d+)/.exec(message);
  const at = position === null ? text.length : Number(position[1]);
  if (at >= text.trimEnd().length) return 'unexpected end of JSON input';
  const c = text[at] ?? '';
  const context = /^[{,]\s*$/.test(text.slice(0, at).trimEnd().slice(-1))
    ? 'looking for beginning of object key string'
    : 'looking for beginning of value';
  return `invalid character '${c}' ${context}`;
}
