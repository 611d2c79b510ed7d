/**
 * Reads and decodes request bodies: JSON and YAML objects, JSON patches, apply patches (YAML).
 * Malformed bodies get the real server's 400 messages; unsupported encodings a 415.
 *
 * A create or update body that cannot be decoded is reported the way the apiserver's handlers
 * report it (transformDecodeError in k8s.io/apiserver/pkg/endpoints/handlers/rest.go): the
 * serializer's error, the type the body had to become, and the first 30 bytes of the body —
 * verbatim when it starts with `{`, hex-encoded otherwise:
 *
 *   the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind;
 *   json parse error: unexpected end of JSON input ({"metadata": )
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ApiError, badRequest, statusFailure, unsupportedMediaType } from '../api/errors.ts';
import { APPLY_PATCH } from '../api/patches.ts';
import { mediaType } from './negotiation.ts';
import { decodeProtobufObject, PROTOBUF } from './protobuf/decode.ts';
import { goJsonSyntaxError } from './go-json.ts';

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

/** A serializer's own error, before a handler puts it into a Status. */
class DecodeFailure extends Error {}

/**
 * Decodes a create/update body. `into` is the kind the body must become (the URL's): decode
 * failures then carry the handler's wording; without it the serializer's error is the message.
 */
export function decodeObjectBody(contentType: string | undefined, body: Buffer, into?: string): unknown {
  const type = mediaType(contentType);
  try {
    if (type === '' || type === 'application/json' || type === '*/*') return parseJson(body);
    if (type === 'application/yaml') return parseJson(yamlToJson(body));
  } catch (err) {
    if (!(err instanceof DecodeFailure)) throw err;
    if (into === undefined) throw badRequest(err.message);
    throw badRequest(
      `the object provided is unrecognized (must be of type ${into}): ${err.message} (${summarizeData(body)})`,
    );
  }
  if (type === PROTOBUF) return decodeProtobufObject(body);
  throw unsupportedMediaType(type, OBJECT_TYPES);
}

/** summarizeData(body, 30) of the apiserver's handlers. */
export function summarizeData(body: Buffer, maxLength = 30): string {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, maxLength);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > maxLength ? `${text} ...` : text;
}

/** Decodes a PATCH body of an already validated patch type. */
export function decodePatchBody(patchType: string, body: Buffer): unknown {
  if (patchType === APPLY_PATCH) {
    // sigs.k8s.io/yaml.Unmarshal in the apply patcher: "error decoding YAML: %v".
    try {
      return JSON.parse(yamlToJson(body).toString('utf8'));
    } catch (err) {
      if (!(err instanceof DecodeFailure)) throw err;
      throw badRequest(`error decoding YAML: error converting YAML to JSON: ${err.message}`);
    }
  }
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(goJsonError(text));
  }
}

/** Optional bodies (DELETE options): empty means none. */
export function decodeOptionalBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  return decodeObjectBody(contentType, body);
}

/** SimpleMetaFactory.Interpret: the first read of a JSON body, for its apiVersion and kind. */
function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DecodeFailure(`couldn't get version/kind; json parse error: ${goJsonError(text)}`);
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    throw new DecodeFailure(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${type} into Go value of type ${TYPE_META_STRUCT}`,
    );
  }
  return value;
}

/** How Go prints the anonymous struct Interpret unmarshals a body into. */
const TYPE_META_STRUCT =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** sigs.k8s.io/yaml.YAMLToJSON, which the YAML serializer runs first; its errors are go-yaml's. */
function yamlToJson(body: Buffer): Buffer {
  let value: unknown;
  try {
    value = parseYaml(body.toString('utf8'), { uniqueKeys: false, version: '1.1' }) as unknown;
  } catch (err) {
    throw new DecodeFailure(goYamlError(err));
  }
  return Buffer.from(JSON.stringify(value ?? null));
}

/**
 * go-yaml (v2)'s wording for the mistakes people make most, from the `yaml` library's error.
 * go-yaml names the line of a scanner error 1-based (and none on the first line), of a parser
 * error 0-based (the line before the one at fault). Other errors keep the library's own words.
 */
export function goYamlError(err: unknown): string {
  if (!(err instanceof YAMLParseError)) return `yaml: ${String(err)}`;
  const line = err.linePos?.[0].line ?? 0;
  const at = (goLine: number) => (goLine > 1 || (goLine === 1 && line > 1) ? `line ${goLine}: ` : '');
  const scanner = (problem: string) => `yaml: ${at(line)}${problem}`;
  const parser = (problem: string) => `yaml: ${at(line - 1)}${problem}`;
  const description = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return scanner('mapping values are not allowed in this context');
    case 'TAB_AS_INDENT':
      return scanner('found character that cannot start any token');
    case 'BAD_INDENT':
      if (description.startsWith('All mapping items must start at the same column')) {
        return parser('did not find expected key');
      }
      if (description.startsWith('Flow map')) return parser("did not find expected ',' or '}'");
      if (description.startsWith('Flow sequence')) return parser("did not find expected ',' or ']'");
      return `yaml: ${at(line)}${description}`;
    default:
      return `yaml: ${at(line)}${description}`;
  }
}

/** Go's encoding/json wording for a JavaScript JSON.parse failure of `text`. */
export function goJsonError(text: string): string {
  return goJsonSyntaxError(text) ?? 'unexpected end of JSON input';
}
