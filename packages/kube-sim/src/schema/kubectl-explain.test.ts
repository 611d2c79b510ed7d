/**
 * The real kubectl against the catalog's documents: a throwaway HTTP server answers the few
 * requests kubectl makes before it reads OpenAPI (version and legacy discovery), the catalog
 * answers the rest. This is how the API server core should wire the endpoints:
 *   GET /openapi/v3          → catalog.openApiV3Index()
 *   GET /openapi/v3/<path>   → catalog.openApiV3(path)   (ETag / ?hash = catalog.openApiV3Hash(path))
 *   GET /openapi/v2 with a protobuf Accept → catalog.openApiV2Protobuf(), answered with
 *     Content-Type application/com.github.proto-openapi.spec.v2.v1.0+protobuf (kubectl's Go
 *     mime parser rejects the `@` form it sends in Accept); JSON Accept → catalog.openApiV2()
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_KINDS, groupVersion } from '../registry/builtin-kinds.ts';
import type { KubeObject } from '../types.ts';
import { SchemaCatalog } from './catalog.ts';

const run = promisify(execFile);
// kubectl is part of the test environment (.ci/run checks it): a missing one fails, it never skips.
const kubectlPath = 'kubectl';

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                description: 'What the widget should look like.',
                properties: { color: { type: 'string', description: 'The colour of the widget.' } },
              },
            },
          },
        },
      },
    ],
  },
};

function discovery(catalog: SchemaCatalog, path: string): unknown {
  if (path === '/version') {
    return { major: '1', minor: '33', gitVersion: 'v1.33.0-sim', platform: 'linux/amd64' };
  }
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  const kinds = [
    ...BUILTIN_KINDS,
    {
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      resource: 'widgets',
      singular: 'widget',
      namespaced: true,
      verbs: ['get'],
    },
  ];
  if (path === '/apis') {
    const gvs = [...new Set(kinds.filter((k) => k.group).map(groupVersion))];
    return {
      kind: 'APIGroupList',
      groups: gvs.map((gv) => {
        const [name, version] = gv.split('/');
        return {
          name,
          versions: [{ groupVersion: gv, version }],
          preferredVersion: { groupVersion: gv, version },
        };
      }),
    };
  }
  const gv = /^\/(?:api|apis\/([^/]+))\/([^/]+)$/.exec(path);
  if (gv) {
    const resources = kinds
      .filter((k) => k.group === (gv[1] ?? '') && k.version === gv[2])
      .map((k) => ({
        name: k.resource,
        singularName: k.singular,
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: k.verbs,
      }));
    return { kind: 'APIResourceList', groupVersion: gv[1] ? `${gv[1]}/${gv[2]}` : gv[2], resources };
  }
  if (path === '/openapi/v3') return catalog.openApiV3Index();
  if (path.startsWith('/openapi/v3/')) return catalog.openApiV3(path.slice('/openapi/v3/'.length));
  return undefined;
}

describe('kubectl explain against the catalog', () => {
  const catalog = new SchemaCatalog();
  let server: Server;
  let dir: string;

  beforeAll(async () => {
    catalog.addCrd(widgetCrd);
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/openapi/v2') {
        res.writeHead(200, { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
        res.end(catalog.openApiV2Protobuf());
        return;
      }
      const body = discovery(catalog, path);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'kubectl-explain-'));
    const port = (server.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: sim, cluster: {server: "http://127.0.0.1:${port}"}}]`,
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: sim, context: {cluster: sim, user: u}}]',
        'current-context: sim',
      ].join('\n'),
    );
  });

  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const explain = async (...args: string[]) => {
    const { stdout } = await run(kubectlPath, ['explain', ...args, '--cache-dir', join(dir, 'cache')], {
      env: { ...process.env, KUBECONFIG: join(dir, 'config') },
    });
    return stdout;
  };

  it('explains deployment.spec with each field’s type and description', async () => {
    const out = await explain('deployment.spec');
    expect(out).toContain('GROUP:      apps');
    expect(out).toContain('FIELD: spec <DeploymentSpec>');
    expect(out).toMatch(/replicas\s+<integer>\n\s+Number of desired pods/);
    expect(out).toMatch(/selector\s+<LabelSelector> -required-/);
    expect(out).toMatch(/template\s+<PodTemplateSpec> -required-/);
  });

  it('explains pods.spec.containers recursively, special types by name', async () => {
    const out = await explain('pods.spec.containers', '--recursive');
    expect(out).toContain('FIELD: containers <[]Container>');
    expect(out).toMatch(/limits\s+<map\[string\]Quantity>/);
    expect(out).toMatch(/port\s+<IntOrString> -required-/);
    expect(out).toMatch(/volumeMounts\s+<\[\]VolumeMount>/);
  });

  it('explains a custom resource from its CRD schema', async () => {
    const out = await explain('widgets.spec');
    expect(out).toContain('KIND:       Widget');
    expect(out).toMatch(/color\s+<string>\n\s+The colour of the widget\./);
  });

  it('explains from the v2 protobuf document when asked for the v2 output', async () => {
    const out = await explain('deployment.spec.strategy', '--output=plaintext-openapiv2');
    expect(out).toContain('RESOURCE: strategy <Object>');
    expect(out).toMatch(/rollingUpdate\s+<Object>/);
    expect(out).toMatch(/type\s+<string>\n\s+Type of deployment/);
  });
});
