import protobuf from 'protobufjs/minimal.js';
import { unsupportedMediaType, validationFailed } from '../../../core/errors/errors.ts';

/** The question of a SelfSubjectAccessReview (authorization.k8s.io/v1). */
export interface AccessReviewSpec {
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    version?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from('k8s\0', 'latin1');

/** Field numbers of generated.proto in k8s.io/api/authorization/v1. */
const RESOURCE_FIELDS = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
const NON_RESOURCE_FIELDS = ['', 'path', 'verb'];

/** Length-delimited field `number` of a message, or undefined; other fields are skipped. */
function field(bytes: Uint8Array, number: number): Uint8Array | undefined {
  const reader = protobuf.Reader.create(bytes);
  let found: Uint8Array | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === number && (tag & 7) === 2) found = reader.bytes();
    else reader.skipType(tag & 7);
  }
  return found;
}

function strings(bytes: Uint8Array, names: string[]): Record<string, string> {
  const reader = protobuf.Reader.create(bytes);
  const result: Record<string, string> = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const name = names[tag >>> 3];
    if (name && (tag & 7) === 2) result[name] = reader.string();
    else reader.skipType(tag & 7);
  }
  return result;
}

/** `k8s\0` + runtime.Unknown{1: typeMeta, 2: raw}; raw is SelfSubjectAccessReview{2: spec}. */
function specFromProtobuf(body: Buffer): AccessReviewSpec {
  if (!body.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('missing the k8s protobuf prefix');
  const raw = field(body.subarray(MAGIC.length), 2);
  const spec = raw && field(raw, 2);
  if (!spec) return {};
  const resource = field(spec, 1);
  const nonResource = field(spec, 2);
  return {
    ...(resource && { resourceAttributes: strings(resource, RESOURCE_FIELDS) }),
    ...(nonResource && { nonResourceAttributes: strings(nonResource, NON_RESOURCE_FIELDS) }),
  };
}

function specFromJson(body: Buffer): AccessReviewSpec {
  const parsed = JSON.parse(body.toString('utf8')) as { spec?: AccessReviewSpec } | null;
  return parsed?.spec ?? {};
}

/**
 * Reads the review's spec from the body as kubectl sends it: JSON, or protobuf (what kubectl's
 * typed clients send by default). Anything unreadable is a 400 naming `spec`.
 */
export function decodeAccessReviewSpec(contentType: string | undefined, body: Buffer): AccessReviewSpec {
  const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (type !== PROTOBUF && type !== 'application/json') throw unsupportedMediaType(type);
  let spec: AccessReviewSpec;
  try {
    spec = type === PROTOBUF ? specFromProtobuf(body) : specFromJson(body);
  } catch (error) {
    throw validationFailed('spec', `The review cannot be read: ${(error as Error).message}`);
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    throw validationFailed(
      'spec',
      'One of spec.resourceAttributes and spec.nonResourceAttributes is required',
    );
  }
  return spec;
}
