import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors/app-error.ts';
import { decodeAccessReviewSpec } from './review-body.ts';

/** A SelfSubjectAccessReview as kubectl's typed client encodes it. */
function kubectlProtobuf(attributes: Record<number, string>, nonResource = false): Buffer {
  const inner = protobuf.Writer.create();
  for (const [number, value] of Object.entries(attributes))
    inner.uint32((Number(number) << 3) | 2).string(value);
  const spec = protobuf.Writer.create()
    .uint32(((nonResource ? 2 : 1) << 3) | 2)
    .bytes(inner.finish())
    .finish();
  const review = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .bytes(new Uint8Array())
    .uint32((2 << 3) | 2)
    .bytes(spec)
    .finish();
  const typeMeta = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .string('authorization.k8s.io/v1')
    .uint32((2 << 3) | 2)
    .string('SelfSubjectAccessReview')
    .finish();
  const unknown = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .bytes(typeMeta)
    .uint32((2 << 3) | 2)
    .bytes(review)
    .uint32((4 << 3) | 2)
    .string('')
    .finish();
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('decodeAccessReviewSpec', () => {
  it('reads the resource attributes of kubectl’s protobuf body', () => {
    const body = kubectlProtobuf({ 1: 'shop', 2: 'create', 5: 'pods', 6: 'exec', 7: 'web' });
    expect(decodeAccessReviewSpec('application/vnd.kubernetes.protobuf', body)).toEqual({
      resourceAttributes: {
        namespace: 'shop',
        verb: 'create',
        resource: 'pods',
        subresource: 'exec',
        name: 'web',
      },
    });
  });

  it('reads non-resource attributes, and JSON bodies', () => {
    const body = kubectlProtobuf({ 1: '/healthz', 2: 'get' }, true);
    expect(decodeAccessReviewSpec('application/vnd.kubernetes.protobuf', body)).toEqual({
      nonResourceAttributes: { path: '/healthz', verb: 'get' },
    });
    const json = { spec: { resourceAttributes: { verb: 'list', group: 'apps', resource: 'deployments' } } };
    expect(decodeAccessReviewSpec('application/json', Buffer.from(JSON.stringify(json)))).toEqual(json.spec);
  });

  it('refuses unreadable bodies with a 400 naming spec, and other media types with a 415', () => {
    const garbage = failure(() =>
      decodeAccessReviewSpec('application/vnd.kubernetes.protobuf', Buffer.from('nope')),
    );
    expect([garbage.statusCode, garbage.details]).toEqual([400, expect.objectContaining({ field: 'spec' })]);
    const empty = failure(() => decodeAccessReviewSpec('application/json', Buffer.from('{"spec":{}}')));
    expect(empty.message).toContain('spec.resourceAttributes');
    expect(failure(() => decodeAccessReviewSpec('text/plain', Buffer.from(''))).statusCode).toBe(415);
  });
});
