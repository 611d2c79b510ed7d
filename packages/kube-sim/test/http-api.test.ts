/**
 * The HTTP surface seen byte for byte: Status bodies of failures, discovery documents,
 * content negotiation, Table output and the watch stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster/start-cluster.ts';
import { raw } from './support/raw-http.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ name: 'http-test' });
});
afterAll(() => cluster.stop());

const json = { 'Content-Type': 'application/json' };

describe('Status bodies', () => {
  it('401 for missing or unknown credentials, except public health endpoints', async () => {
    const anonymous = await raw(cluster, { path: '/api/v1/namespaces', token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await raw(cluster, { path: '/api', token: 'bogus' })).status).toBe(401);
    const health = await raw(cluster, { path: '/healthz', token: null });
    expect([health.status, health.text]).toEqual([200, 'ok']);
  });

  it('403 with the RBAC message form', async () => {
    const token = cluster.addToken('eve');
    const res = await raw(cluster, { path: '/apis/apps/v1/namespaces/default/deployments/web', token });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'deployments.apps "web" is forbidden: User "eve" cannot get resource "deployments" in API group "apps" in the namespace "default"',
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403,
    });
    const path = await raw(cluster, { path: '/logs', token });
    expect(path.json<{ message: string }>().message).toBe('forbidden: User "eve" cannot get path "/logs"');
  });

  it('404 for unknown resources and missing objects', async () => {
    const unknown = await raw(cluster, { path: '/apis/example.com/v1/widgets' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
    const missing = await raw(cluster, { path: '/apis/apps/v1/namespaces/default/deployments/x' });
    expect(missing.json()).toMatchObject({
      message: 'deployments.apps "x" not found',
      details: { name: 'x', group: 'apps', kind: 'deployments' },
    });
  });

  // Malformed JSON and YAML bodies: test/bad-input.test.ts.
  it('415 for an unknown encoding', async () => {
    const cbor = await raw(cluster, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      headers: { 'Content-Type': 'application/cbor' },
      body: 'x',
    });
    expect(cbor.status).toBe(415);
    expect(cbor.json<{ reason: string }>().reason).toBe('UnsupportedMediaType');
  });

  it('422 with causes for an invalid object, and strict field validation', async () => {
    const body = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: {} },
    });
    const res = await raw(cluster, {
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      headers: json,
      body,
    });
    expect(res.status).toBe(422);
    const status = res.json<{
      reason: string;
      message: string;
      details: { causes: Array<{ field: string }> };
    }>();
    expect(status.reason).toBe('Invalid');
    expect(status.message).toMatch(/^Deployment\.apps "web" is invalid: /);
    expect(status.details.causes.map((c) => c.field)).toContain('spec.selector');
    const strict = await raw(cluster, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps?fieldValidation=Strict',
      headers: json,
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'strict' },
        spec: { foo: 1 },
      }),
    });
    expect(strict.status).toBe(400);
    expect(strict.json<{ message: string }>().message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
    );
    const warned = await raw(cluster, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps?fieldValidation=Warn',
      headers: json,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warned' }, bogus: 1 }),
    });
    expect(warned.status).toBe(201);
    expect(warned.headers.warning).toBe('299 - "unknown field \\"bogus\\""');
  });

  it('405 for a verb the kind does not serve, 406 for an unacceptable representation', async () => {
    const review = await raw(cluster, { path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' });
    expect(review.status).toBe(405);
    expect(review.json<{ reason: string }>().reason).toBe('MethodNotAllowed');
    const notAcceptable = await raw(cluster, {
      path: '/api/v1/namespaces',
      headers: { Accept: 'text/html' },
    });
    expect(notAcceptable.status).toBe(406);
  });
});

describe('discovery and negotiation', () => {
  it('answers aggregated discovery with its media type', async () => {
    const res = await raw(cluster, {
      path: '/apis',
      headers: {
        Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(res.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const doc = res.json<{
      items: Array<{
        metadata: { name: string };
        versions: Array<{
          resources: Array<{ resource: string; subresources?: Array<{ subresource: string }> }>;
        }>;
      }>;
    }>();
    const apps = doc.items.find((g) => g.metadata.name === 'apps');
    const deployments = apps?.versions[0]?.resources.find((r) => r.resource === 'deployments');
    expect(deployments?.subresources?.map((s) => s.subresource)).toEqual(['status', 'scale']);
    const again = await raw(cluster, {
      path: '/apis',
      headers: {
        Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
        'If-None-Match': String(res.headers.etag),
      },
    });
    expect(again.status).toBe(304);
  });

  it('serves legacy discovery with subresources and storage version hashes', async () => {
    const list = (await raw(cluster, { path: '/api/v1' })).json<{
      groupVersion: string;
      resources: Array<{ name: string; kind: string; storageVersionHash?: string }>;
    }>();
    expect(list.groupVersion).toBe('v1');
    expect(list.resources.find((r) => r.name === 'pods/eviction')?.kind).toBe('Eviction');
    expect(list.resources.find((r) => r.name === 'pods')?.storageVersionHash).toMatch(/^[A-Za-z0-9+/]{11}=$/);
  });

  it('returns server-side Tables and YAML on request', async () => {
    const table = (
      await raw(cluster, {
        path: '/api/v1/namespaces',
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      })
    ).json<{
      kind: string;
      columnDefinitions: Array<{ name: string }>;
      rows: Array<{ cells: unknown[]; object: { kind: string } }>;
    }>();
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(table.rows[0]?.object.kind).toBe('PartialObjectMetadata');
    const yaml = await raw(cluster, {
      path: '/api/v1/namespaces/default',
      headers: { Accept: 'application/yaml' },
    });
    expect(yaml.headers['content-type']).toBe('application/yaml');
    expect(yaml.text).toContain('kind: Namespace');
  });

  it('falls back to JSON when protobuf is preferred', async () => {
    const res = await raw(cluster, {
      path: '/api/v1/namespaces/default',
      headers: { Accept: 'application/vnd.kubernetes.protobuf,application/json' },
    });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json<{ kind: string }>().kind).toBe('Namespace');
  });
});

describe('watch stream', () => {
  it('streams newline-delimited events and ends after timeoutSeconds', async () => {
    const rv = (await raw(cluster, { path: '/api/v1/namespaces/default/configmaps' })).json<{
      metadata: { resourceVersion: string };
    }>().metadata.resourceVersion;
    const watching = raw(cluster, {
      path: `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=2`,
    });
    await raw(cluster, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      headers: json,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'streamed' } }),
    });
    const res = await watching;
    const lines = res.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; object: { metadata: { name: string } } });
    expect(lines.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED streamed']);
    expect(res.headers['transfer-encoding']).toBe('chunked');
  });
});
