/** Non-resource paths: discovery documents, /version, health checks, OpenAPI and the root index. */
import type { KindRegistry } from '../registry/kind-registry.ts';
import type { SchemaService } from '../api/modules.ts';
import { resourceNotFound } from '../api/errors.ts';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  discoveryEtag,
} from './discovery.ts';
import { healthAnswer, versionInfo } from './info-endpoints.ts';
import { negotiate } from './negotiation.ts';
import { writeObject, writeText } from './respond.ts';
import type { HttpExchange } from './http-context.ts';

export interface NonResourceParts {
  registry: KindRegistry;
  schema: SchemaService;
  serverAddress(): string;
}

/** Paths anyone may read without credentials (system:public-info-viewer). */
export function isPublicInfoPath(path: string): boolean {
  return /^\/(healthz|livez|readyz)(\/.*)?$/.test(path) || path === '/version' || path === '/version/';
}

export function handleNonResource(exchange: HttpExchange, parts: NonResourceParts): void {
  const { path, query, res, req } = exchange;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') throw resourceNotFound();
  const health = healthAnswer(path, query);
  if (health !== undefined) return writeText(res, health.code, health.text);
  if (path === '/version' || path === '/version/') return writeObject(res, 200, versionInfo());
  if (path === '/' || path === '') return writeObject(res, 200, { paths: rootPaths(parts.registry) });
  if (path === '/api' || path === '/apis') return discoveryRoot(exchange, parts, path === '/api');
  const segments = path.split('/').filter((s) => s !== '');
  if (segments[0] === 'api' && segments.length === 2) {
    return respondOr404(exchange, apiResourceList(parts.registry, '', segments[1] as string));
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    return respondOr404(exchange, apiGroup(parts.registry, segments[1] as string));
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    return respondOr404(
      exchange,
      apiResourceList(parts.registry, segments[1] as string, segments[2] as string),
    );
  }
  if (path === '/openapi/v2') return openApiV2(exchange, parts.schema);
  if (path === '/openapi/v3') return respondOr404(exchange, parts.schema.openApiV3Index());
  if (path.startsWith('/openapi/v3/')) {
    return respondOr404(exchange, parts.schema.openApiV3(path.slice('/openapi/v3/'.length)));
  }
  throw resourceNotFound();
}

/**
 * kube-openapi's v2 handler answers both protobuf subtypes (the deprecated `@v1.0` one kubectl
 * asks for, which Go's mime parser rejects, and its replacement) with the parseable one.
 */
const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const OPENAPI_V2_PROTOBUF_ACCEPTED = new Set([
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
  OPENAPI_V2_PROTOBUF,
]);

/**
 * GET /openapi/v2 in the first representation the client accepts: JSON, or the gnostic protobuf
 * that kubectl's client-side validation asks for (and only for) — without it kubectl gives up
 * with "the server was unable to respond with a content type that the client supports".
 */
function openApiV2(exchange: HttpExchange, schema: SchemaService): void {
  const accept = exchange.req.headers.accept ?? '';
  for (const range of accept.split(',')) {
    const type = (range.split(';')[0] ?? '').trim().toLowerCase();
    if (OPENAPI_V2_PROTOBUF_ACCEPTED.has(type) && schema.openApiV2Protobuf !== undefined) {
      const body = schema.openApiV2Protobuf();
      exchange.res.setHeader('Content-Type', OPENAPI_V2_PROTOBUF);
      exchange.res.setHeader('Content-Length', body.length);
      exchange.res.statusCode = 200;
      exchange.res.end(exchange.req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (type === 'application/json' || type === 'application/*' || type === '*/*' || type === '') break;
  }
  respondOr404(exchange, schema.openApiV2());
}

function respondOr404(exchange: HttpExchange, document: unknown): void {
  if (document === undefined) throw resourceNotFound();
  const representation = negotiate(exchange.req.headers.accept, []);
  writeObject(exchange.res, 200, document, { yaml: representation.as === 'object' && representation.yaml });
}

function discoveryRoot(exchange: HttpExchange, parts: NonResourceParts, legacy: boolean): void {
  const representation = negotiate(exchange.req.headers.accept, ['APIGroupDiscoveryList']);
  if (representation.as !== 'APIGroupDiscoveryList') {
    const document = legacy ? apiVersions(parts.serverAddress()) : apiGroupList(parts.registry);
    return writeObject(exchange.res, 200, document, {
      yaml: representation.as === 'object' && representation.yaml,
    });
  }
  const text = JSON.stringify(aggregatedDiscovery(parts.registry, legacy, representation.version));
  const etag = discoveryEtag(text);
  const { res } = exchange;
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept');
  if (exchange.req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Cache-Control', 'no-cache, private');
  res.setHeader('Content-Type', aggregatedContentType(representation.version));
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.statusCode = 200;
  res.end(text);
}

function rootPaths(registry: KindRegistry): string[] {
  const paths = ['/api', '/api/v1', '/apis', '/apis/'];
  for (const group of registry.groups()) {
    if (group.name === '') continue;
    paths.push(`/apis/${group.name}`);
    for (const version of group.versions) paths.push(`/apis/${group.name}/${version}`);
  }
  paths.push('/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/openapi/v3/', '/readyz', '/version');
  return paths.sort();
}
