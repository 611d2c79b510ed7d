/**
 * HTTP on subresources: status (generic), the registered handlers (scale, eviction, binding,
 * token, finalize) and pods/log through the kubelet's PodIOHandler. exec/attach/portforward are
 * upgrades and arrive through the server's 'upgrade' event instead.
 */
import type { ServedKind } from '../registry/served-kind.ts';
import { ApiError, badRequest, methodNotSupported, resourceNotFound, statusFailure } from '../api/errors.ts';
import { patchTypeFor } from '../api/patches.ts';
import { parseBool } from '../api/list-options.ts';
import { requireObject } from '../api/api-deps.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import { mediaType } from './negotiation.ts';
import { decodeObjectBody, decodePatchBody, readBody } from './request-body.ts';
import { writeArgs, type HttpExchange, type ServerParts } from './http-context.ts';
import { respondWithObject } from './resource-handler.ts';

const UPGRADE_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

export async function handleSubresource(
  exchange: HttpExchange,
  info: ResourceRequestInfo,
  kind: ServedKind,
  namespace: string,
  parts: ServerParts,
): Promise<void> {
  const { api } = parts;
  const sub = info.subresource;
  if (!(kind.subresources ?? []).includes(sub) || info.name === '') throw resourceNotFound();
  const method = exchange.req.method ?? 'GET';
  const name = info.name;
  if (sub === 'log') {
    if (method !== 'GET')
      throw methodNotSupported({ group: kind.group, resource: `${kind.resource}/log` }, method.toLowerCase());
    const pod = requireObject(api.deps, kind, namespace, name);
    const handler = parts.podIO()?.log;
    if (handler === undefined) throw notImplemented('pods/log');
    await handler(
      { pod, namespace, name, query: exchange.query, user: exchange.user },
      exchange.req,
      exchange.res,
    );
    return;
  }
  if (UPGRADE_SUBRESOURCES.has(sub)) throw badRequest('Upgrade request required');
  if (sub === 'status') {
    switch (method) {
      case 'GET':
        return respondWithObject(exchange, parts, kind, api.get(kind, namespace, name), 200);
      case 'PUT': {
        const body = decodeObjectBody(
          exchange.req.headers['content-type'],
          await readBody(exchange.req),
          kind.kind,
        );
        return respondWithObject(
          exchange,
          parts,
          kind,
          api.updateStatus(kind, namespace, name, body, writeArgs(exchange)),
          200,
        );
      }
      case 'PATCH': {
        const type = patchTypeFor(kind, mediaType(exchange.req.headers['content-type']));
        const patch = decodePatchBody(type, await readBody(exchange.req));
        const args = { ...writeArgs(exchange), force: parseBool(exchange.query.get('force')) };
        return respondWithObject(
          exchange,
          parts,
          kind,
          api.patch(kind, namespace, name, type, patch, args, 'status'),
          200,
        );
      }
      default:
        throw methodNotSupported(
          { group: kind.group, resource: `${kind.resource}/status` },
          method.toLowerCase(),
        );
    }
  }
  const handler = api.subresource(kind, sub);
  if (handler === undefined) throw resourceNotFound();
  const unsupported = (): ApiError =>
    methodNotSupported({ group: kind.group, resource: `${kind.resource}/${sub}` }, method.toLowerCase());
  switch (method) {
    case 'GET': {
      if (handler.get === undefined) throw unsupported();
      return respondWithObject(exchange, parts, kind, handler.get(kind, namespace, name, exchange.ctx), 200);
    }
    case 'PUT': {
      if (handler.update === undefined) throw unsupported();
      const body = decodeObjectBody(exchange.req.headers['content-type'], await readBody(exchange.req));
      return respondWithObject(
        exchange,
        parts,
        kind,
        handler.update(kind, namespace, name, body, writeArgs(exchange)),
        200,
      );
    }
    case 'PATCH': {
      if (handler.patch === undefined) throw unsupported();
      const type = patchTypeFor(kind, mediaType(exchange.req.headers['content-type']));
      const patch = decodePatchBody(type, await readBody(exchange.req));
      const args = { ...writeArgs(exchange), force: parseBool(exchange.query.get('force')) };
      return respondWithObject(
        exchange,
        parts,
        kind,
        handler.patch(kind, namespace, name, type, patch, args),
        200,
      );
    }
    case 'POST': {
      if (handler.create === undefined) throw unsupported();
      const body = decodeObjectBody(exchange.req.headers['content-type'], await readBody(exchange.req));
      return respondWithObject(
        exchange,
        parts,
        kind,
        handler.create(kind, namespace, name, body, writeArgs(exchange)),
        201,
      );
    }
    default:
      throw unsupported();
  }
}

export function notImplemented(what: string): ApiError {
  return new ApiError(
    statusFailure(
      501,
      'NotImplemented',
      `${what} is not served by this kube-sim cluster (no kubelet simulation)`,
    ),
  );
}
