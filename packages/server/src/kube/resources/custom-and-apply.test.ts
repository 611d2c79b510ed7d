/** Custom resources of a CRD created after start, and multi-document apply. */
import type { Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../cache/testing/eventually.ts';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';
import { adminCalls } from './testing/admin-calls.ts';

const BASE = '/api/v1/clusters/dev/resources';

let env: DataPlaneTestApp;
let dev: Cluster;
const { api, yaml, auditOf } = adminCalls(() => env);

beforeAll(async () => {
  env = await startDataPlaneApp([{ name: 'dev' }]);
  dev = env.clusters['dev']!;
  await dev.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
}, 60_000);
afterAll(() => env.close());

describe('custom resources', () => {
  it('lists and edits the objects of a CRD created after start', async () => {
    await dev.client.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    const url = `${BASE}/example.com/v1/widgets`;
    await eventually(async () => (await api('GET', url)).status === 200, 20_000, 'widgets to be served');
    const created = await api('POST', url, {
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'gear', namespace: 'shop' },
        spec: { size: 3 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const patched = await api('PATCH', `${url}/shop/gear`, {
      rawBody: JSON.stringify({ spec: { size: 5 } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(patched.json.spec.size).toBe(5);
    await eventually(async () => {
      const list = await api('GET', `${url}?namespace=shop`);
      return list.json.items.length === 1 && list.json.items[0].spec.size === 5;
    });
  });
});

describe('multi-document apply', () => {
  const manifests = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
  namespace: other-ns-that-does-not-exist
data: {b: "2"}
---
apiVersion: example.com/v9
kind: Nothing
metadata:
  name: broken
---
apiVersion: v1
kind: Service
metadata:
  name: three
spec:
  ports: [{port: 80}]
`;

  it('applies every good document, reports the bad ones, and reports unchanged on a re-apply', async () => {
    const first = await yaml('POST', '/api/v1/clusters/dev/apply?namespace=shop', manifests);
    expect(first.status, first.text).toBe(200);
    expect(
      first.json.items.map((i: { index: number; name: string; action?: string }) => [
        i.index,
        i.name,
        i.action,
      ]),
    ).toEqual([
      [0, 'one', 'created'],
      [1, 'two', undefined],
      [2, 'broken', undefined],
      [3, 'three', 'created'],
    ]);
    expect(first.json.items[1].error.code).toBe('NOT_FOUND');
    expect(first.json.items[2].error.message).toContain('no matches for kind "Nothing"');
    expect(first.json.summary).toEqual({ created: 2, configured: 0, unchanged: 0, failed: 2 });
    expect((await api('GET', `${BASE}/core/v1/services/shop/three`)).status).toBe(200);

    const again = await yaml(
      'POST',
      '/api/v1/clusters/dev/apply?namespace=shop',
      manifests.replace('a: "1"', 'a: "changed"'),
    );
    expect(again.json.items.map((i: { action?: string }) => i.action)).toEqual([
      'configured',
      undefined,
      undefined,
      'unchanged',
    ]);

    const dry = await yaml(
      'POST',
      '/api/v1/clusters/dev/apply?namespace=shop&dryRun=1',
      manifests.replace('name: one', 'name: four'),
    );
    expect(dry.json.dryRun, dry.text).toBe(true);
    expect(dry.json.items[0].action).toBe('created');
    expect((await api('GET', `${BASE}/core/v1/configmaps/shop/four`)).status).toBe(404);

    const applied = await auditOf('resources.apply');
    expect(applied.map((e) => e.targetId)).toEqual(
      expect.arrayContaining([
        'shop/configmaps/one',
        'shop/services/three',
        'manifest of 4 documents (dry run)',
      ]),
    );
  });

  it('refuses a body that is not YAML text', async () => {
    const response = await api('POST', '/api/v1/clusters/dev/apply', { body: { kind: 'ConfigMap' } });
    expect(response.status).toBe(400);
  });
});
