/**
 * HTTP verbs on resources: decodes the request, calls the ResourceApi and writes the answer in
 * the negotiated representation (object, Table, PartialObjectMetadata; JSON or YAML).
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import { methodNotSupported, resourceNotFound } from '../api/errors.ts';
import { parseListOptions } from '../api/list-options.ts';
import { parseDeleteOptions, returnsDeletedObject } from '../api/deletes.ts';
import { patchTypeFor } from '../api/patches.ts';
import { parseBool } from '../api/list-options.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import { negotiate, mediaType, type Representation } from './negotiation.ts';
import { decodeObjectBody, decodeOptionalBody, decodePatchBody, readBody } from './request-body.ts';
import { writeListStreaming, writeObject } from './respond.ts';
import { partialObjectMetadata, partialObjectMetadataList, toTable } from './tables.ts';
import { serveWatch } from './watch-stream.ts';
import { writeArgs, type HttpExchange, type ServerParts } from './http-context.ts';
import { handleSubresource } from './subresource-handler.ts';

export async function handleResourceRequest(
  exchange: HttpExchange,
  info: ResourceRequestInfo,
  parts: ServerParts,
): Promise<void> {
  const { api } = parts;
  const kind = api.kind(info.apiGroup, info.apiVersion, info.resource);
  const namespacedPath = info.namespace !== '' && !(info.resource === 'namespaces' && info.apiGroup === '');
  if (!kind.namespaced && namespacedPath) throw resourceNotFound();
  if (kind.namespaced && info.namespace === '' && (info.name !== '' || info.verb === 'create')) {
    throw resourceNotFound();
  }
  const namespace = kind.namespaced ? info.namespace : '';
  if (info.subresource !== '') {
    await handleSubresource(exchange, info, kind, namespace, parts);
    return;
  }
  const method = exchange.req.method ?? 'GET';
  switch (info.verb) {
    case 'get':
      return respondWithObject(exchange, parts, kind, api.get(kind, namespace, info.name), 200);
    case 'list':
      return respondWithList(exchange, parts, kind, namespace);
    case 'watch': {
      const representation = negotiate(exchange.req.headers.accept, ['Table']);
      const options = parseListOptions(exchange.query);
      if (info.name !== '') {
        options.fieldSelector = {
          requirements: [
            ...options.fieldSelector.requirements,
            { field: 'metadata.name', operator: '=', value: info.name },
          ],
        };
      }
      const scope = kind.namespaced && namespace !== '' ? namespace : undefined;
      serveWatch(
        exchange.res,
        api,
        kind,
        scope,
        options,
        representation,
        parts.watches,
        parts.watchSettings,
        exchange.ctx.warnings,
      );
      return;
    }
    case 'create': {
      const body = decodeObjectBody(
        exchange.req.headers['content-type'],
        await readBody(exchange.req),
        kind.kind,
      );
      const created = api.create(kind, namespace, body, writeArgs(exchange));
      return respondWithObject(exchange, parts, kind, created, 201);
    }
    case 'update': {
      const body = decodeObjectBody(
        exchange.req.headers['content-type'],
        await readBody(exchange.req),
        kind.kind,
      );
      return respondWithObject(
        exchange,
        parts,
        kind,
        api.update(kind, namespace, info.name, body, writeArgs(exchange)),
        200,
      );
    }
    case 'patch': {
      const type = patchTypeFor(kind, mediaType(exchange.req.headers['content-type']));
      const patch = decodePatchBody(type, await readBody(exchange.req));
      const existed = api.deps.store.get(kind.storageKey, namespace, info.name) !== undefined;
      const args = { ...writeArgs(exchange), force: parseBool(exchange.query.get('force')) };
      const patched = api.patch(kind, namespace, info.name, type, patch, args);
      return respondWithObject(exchange, parts, kind, patched, existed ? 200 : 201);
    }
    case 'delete': {
      const body = decodeOptionalBody(exchange.req.headers['content-type'], await readBody(exchange.req));
      const result = api.delete(
        kind,
        namespace,
        info.name,
        parseDeleteOptions(body, exchange.query),
        writeArgs(exchange),
      );
      if (result.deleted && !returnsDeletedObject(kind)) {
        return respondWithObject(exchange, parts, kind, successStatus(kind, result.object), 200);
      }
      return respondWithObject(exchange, parts, kind, result.object, 200);
    }
    case 'deletecollection': {
      const body = decodeOptionalBody(exchange.req.headers['content-type'], await readBody(exchange.req));
      const scope = namespace === '' ? undefined : namespace;
      const items = api.deleteCollection(
        kind,
        scope,
        parseListOptions(exchange.query),
        parseDeleteOptions(body, exchange.query),
        writeArgs(exchange),
      );
      const list = { kind: `${kind.kind}List`, apiVersion: groupVersion(kind), metadata: {}, items };
      return respondWithObject(exchange, parts, kind, list, 200);
    }
    default:
      throw methodNotSupported(kind, method.toLowerCase());
  }
}

/** Writes a single object (or Status) in the representation the client accepts. */
export function respondWithObject(
  exchange: HttpExchange,
  parts: ServerParts,
  kind: ServedKind,
  object: unknown,
  code: number,
): void {
  const representation = negotiate(exchange.req.headers.accept, ['Table', 'PartialObjectMetadata']);
  const options = {
    warnings: exchange.ctx.warnings,
    yaml: representation.as === 'object' && representation.yaml,
  };
  const isKindObject = (object as KubeObject | undefined)?.kind === kind.kind;
  if (representation.as === 'Table' && isKindObject) {
    const table = toTable(parts.api, kind, [object as KubeObject], representation, exchange.query);
    table.metadata = { resourceVersion: (object as KubeObject).metadata.resourceVersion ?? '' };
    return writeObject(exchange.res, code, table, options);
  }
  if (representation.as === 'PartialObjectMetadata' && isKindObject) {
    return writeObject(
      exchange.res,
      code,
      partialObjectMetadata(object as KubeObject, representation.version),
      options,
    );
  }
  writeObject(exchange.res, code, object, options);
}

async function respondWithList(
  exchange: HttpExchange,
  parts: ServerParts,
  kind: ServedKind,
  namespace: string,
): Promise<void> {
  const representation: Representation = negotiate(exchange.req.headers.accept, [
    'Table',
    'PartialObjectMetadata',
  ]);
  const result = parts.api.list(
    kind,
    namespace === '' ? undefined : namespace,
    parseListOptions(exchange.query),
  );
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue !== undefined) metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
  const options = { warnings: exchange.ctx.warnings };
  if (representation.as === 'Table') {
    const table = toTable(parts.api, kind, result.items, representation, exchange.query);
    table.metadata = metadata;
    return writeObject(exchange.res, 200, table, options);
  }
  if (representation.as === 'PartialObjectMetadata') {
    return writeObject(
      exchange.res,
      200,
      partialObjectMetadataList(result.items, metadata, representation.version),
      options,
    );
  }
  const envelope = { kind: `${kind.kind}List`, apiVersion: groupVersion(kind), metadata };
  const yaml = representation.as === 'object' && representation.yaml;
  await writeListStreaming(exchange.res, envelope, result.items, { ...options, yaml });
}

/** The Status a DELETE answers with when the object is gone and the kind returns no object. */
function successStatus(kind: ServedKind, object: KubeObject): Record<string, unknown> {
  const details: Record<string, unknown> = { name: object.metadata.name };
  if (kind.group !== '') details.group = kind.group;
  details.kind = kind.resource;
  details.uid = object.metadata.uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
