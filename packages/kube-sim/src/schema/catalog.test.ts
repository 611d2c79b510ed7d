import { describe, expect, it } from 'vitest';
import { BUILTIN_KINDS } from '../registry/builtin-kinds.ts';
import type { KubeObject } from '../types.ts';
import { SchemaCatalog } from './catalog.ts';
import type { JsonSchema } from './json-schema.ts';

const catalog = new SchemaCatalog();

type V3Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string }>; requestBody?: { content: object } }>
  >;
  components: { schemas: Record<string, JsonSchema> };
};

const cronTabCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
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
                description: 'The schedule and image of a cron tab.',
                properties: {
                  cronSpec: { type: 'string', description: 'When to run, in cron format.' },
                  replicas: { type: 'integer' },
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      properties: { name: { type: 'string' }, port: { type: 'integer' } },
                    },
                  },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
            },
          },
        },
      },
    ],
  },
};

describe('SchemaCatalog OpenAPI v2', () => {
  const doc = catalog.openApiV2();

  it('has a described definition for every built-in kind, tagged with its group-version-kind', () => {
    for (const kind of BUILTIN_KINDS) {
      const found = Object.values(doc.definitions).find((d) =>
        d['x-kubernetes-group-version-kind']?.some(
          (g) => g.group === kind.group && g.version === kind.version && g.kind === kind.kind,
        ),
      );
      expect(found, `${kind.group}/${kind.version} ${kind.kind}`).toBeDefined();
      expect(found?.description, kind.kind).toBeTruthy();
    }
  });

  it('names definitions the way the real server does', () => {
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
    expect(doc.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    expect(doc.definitions['io.k8s.api.core.v1.PodTemplateSpec']).toBeDefined();
    expect(doc.definitions['io.k8s.api.core.v1.Event']).toBeDefined();
    expect(doc.definitions['io.k8s.api.events.v1.Event']).toBeDefined();
    expect(
      doc.definitions['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps'],
    ).toBeDefined();
  });

  it('gives the special types their real schemas', () => {
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      type: 'string',
      format: 'int-or-string',
    });
    expect(doc.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
    const requirements = doc.definitions['io.k8s.api.core.v1.ResourceRequirements'];
    expect(requirements?.properties?.limits?.additionalProperties).toEqual({
      $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity',
    });
    expect(doc.definitions['io.k8s.api.core.v1.ServicePort']?.properties?.targetPort?.$ref).toBe(
      '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    );
  });

  it('carries the patch tags of the Go structs', () => {
    const containers = doc.definitions['io.k8s.api.core.v1.PodSpec']?.properties?.containers;
    expect(containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(doc.definitions['io.k8s.api.apps.v1.DeploymentSpec']?.properties?.strategy).toMatchObject({
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
  });

  it('describes the PATCH operation of a kind with the types and parameters kubectl checks', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch as {
      consumes: string[];
      parameters: Array<{ name: string }>;
    };
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['fieldValidation', 'fieldManager']),
    );
  });
});

describe('SchemaCatalog patch metadata', () => {
  it('merges a Deployment’s containers by name and its ports by containerPort', () => {
    const meta = catalog.patchMeta('apps', 'v1', 'Deployment');
    const podSpec = meta.fields?.spec?.fields?.template?.fields?.spec;
    const containers = podSpec?.fields?.containers;
    expect(containers).toMatchObject({
      type: 'list',
      strategies: ['merge'],
      mergeKey: 'name',
      listType: 'map',
    });
    expect(containers?.items?.fields?.ports).toMatchObject({
      mergeKey: 'containerPort',
      listMapKeys: ['containerPort', 'protocol'],
    });
    expect(podSpec?.fields?.volumes?.strategies).toEqual(['merge', 'retainKeys']);
    expect(podSpec?.fields?.tolerations?.listType).toBe('atomic');
    expect(meta.fields?.spec?.fields?.strategy?.strategies).toEqual(['retainKeys']);
    expect(meta.fields?.metadata?.fields?.labels?.type).toBe('map');
    expect(meta.fields?.metadata?.fields?.finalizers).toMatchObject({
      strategies: ['merge'],
      listType: 'set',
    });
  });

  it('keys every condition list by type and service ports by port', () => {
    expect(catalog.patchMeta('', 'v1', 'Node').fields?.status?.fields?.conditions?.mergeKey).toBe('type');
    expect(catalog.patchMeta('', 'v1', 'Node').fields?.status?.fields?.addresses?.mergeKey).toBe('type');
    expect(catalog.patchMeta('', 'v1', 'Service').fields?.spec?.fields?.ports).toMatchObject({
      mergeKey: 'port',
      listMapKeys: ['port', 'protocol'],
    });
  });

  it('knows nothing about kinds it does not serve', () => {
    expect(catalog.patchMeta('example.com', 'v1', 'Nope')).toEqual({});
  });
});

describe('SchemaCatalog OpenAPI v3', () => {
  it('indexes one document per group version with a content hash', () => {
    const index = catalog.openApiV3Index();
    expect(index.paths['api/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(index.paths['apis/apps/v1']).toBeDefined();
    expect(index.paths['apis/apps']).toBeDefined();
    expect(index.paths['apis/rbac.authorization.k8s.io/v1']).toBeDefined();
  });

  it('serves a group version’s schemas and operations, refs wrapped the kube-openapi way', () => {
    const doc = catalog.openApiV3('apis/apps/v1') as V3Doc;
    const deployment = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
    expect(deployment?.['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    expect(deployment?.properties?.spec).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }],
    });
    expect(doc.components.schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(doc.components.schemas['io.k8s.api.batch.v1.Job']).toBeUndefined();
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch;
    expect(patch?.parameters?.map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch?.requestBody?.content ?? {})).toContain(
      'application/strategic-merge-patch+json',
    );
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']).toBeDefined();
  });

  it('serves the core group at api/v1', () => {
    const doc = catalog.openApiV3('api/v1') as V3Doc;
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']).toBeDefined();
    expect(doc.paths['/api/v1/nodes/{name}']).toBeDefined();
    expect(catalog.openApiV3('apis/nope/v1')).toBeUndefined();
  });
});

describe('SchemaCatalog CRDs', () => {
  it('serves a CRD’s schema while it exists and forgets it when removed', () => {
    const local = new SchemaCatalog();
    const before = local.openApiV3Index().paths['api/v1']?.serverRelativeURL;
    local.addCrd(cronTabCrd);
    const doc = local.openApiV3('apis/stable.example.com/v1') as V3Doc;
    const schema = doc.components.schemas['com.example.stable.v1.CronTab'];
    expect(schema?.properties?.spec?.properties?.cronSpec?.description).toBe('When to run, in cron format.');
    expect(schema?.properties?.metadata).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    });
    const patch = doc.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}']?.patch;
    expect(Object.keys(patch?.requestBody?.content ?? {})).not.toContain(
      'application/strategic-merge-patch+json',
    );
    expect(local.openApiV3Index().paths['apis/stable.example.com/v1']).toBeDefined();
    expect(local.patchMeta('stable.example.com', 'v1', 'CronTab').fields?.spec?.fields?.ports).toMatchObject({
      listType: 'map',
      listMapKeys: ['name'],
    });

    local.removeCrd('crontabs.stable.example.com');
    expect(local.openApiV3('apis/stable.example.com/v1')).toBeUndefined();
    expect(local.openApiV3Index().paths['apis/stable.example.com/v1']).toBeUndefined();
    expect(local.openApiV3Index().paths['api/v1']?.serverRelativeURL).toBe(before);
  });

  it('finds unknown fields and prunes them, keeping preserved subtrees', () => {
    const local = new SchemaCatalog();
    local.addCrd(cronTabCrd);
    const obj = {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'a', bogus: 1 },
      spec: {
        cronSpec: '* * * * *',
        typo: true,
        ports: [{ name: 'x', prot: 1 }],
        extra: { anything: { goes: 1 } },
      },
      other: 'x',
    };
    expect(local.unknownFields('stable.example.com', 'v1', 'CronTab', obj).sort()).toEqual([
      'metadata.bogus',
      'other',
      'spec.ports[0].prot',
      'spec.typo',
    ]);
    expect(local.prune('stable.example.com', 'v1', 'CronTab', obj)).toEqual({
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'a' },
      spec: { cronSpec: '* * * * *', ports: [{ name: 'x' }], extra: { anything: { goes: 1 } } },
    });
  });

  it('reports unknown fields of built-in kinds with kubectl’s paths', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'Always', portz: [] }] },
        },
        replica: 3,
      },
    };
    expect(catalog.unknownFields('apps', 'v1', 'Deployment', deployment)).toEqual([
      'spec.template.spec.containers[0].portz',
      'spec.replica',
    ]);
  });
});
