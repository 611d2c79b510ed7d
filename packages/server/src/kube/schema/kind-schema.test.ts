import { describe, expect, it } from 'vitest';
import { kindJsonSchema, openApiPath } from './kind-schema.ts';

// The shape real clusters serve: refs under components, wrappers with allOf, GVK extensions.
const document = {
  openapi: '3.0.0',
  components: {
    schemas: {
      'io.k8s.api.apps.v1.Deployment': {
        'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          spec: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }] },
        },
        type: 'object',
      },
      'io.k8s.api.apps.v1.DeploymentSpec': {
        properties: {
          replicas: { type: 'integer', format: 'int32' },
          maxSurge: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
          cpu: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
          paused: { type: 'boolean', nullable: true },
          extra: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { a: { type: 'string' } },
          },
        },
        type: 'object',
      },
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
      'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
      'io.k8s.api.core.v1.Unrelated': { type: 'object', properties: { x: { type: 'string' } } },
      'io.k8s.api.core.v1.Pod': {
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
        properties: { kind: { type: 'string' } },
      },
    },
  },
};

describe('kind JSON schema from OpenAPI v3', () => {
  it('keeps what the kind reaches, with refs pointed at definitions', () => {
    const schema = kindJsonSchema(document, 'apps', 'v1', 'Deployment')!;
    expect(Object.keys(schema['definitions'] as object).sort()).toEqual([
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
    const properties = schema['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['spec']).toEqual({
      allOf: [{ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' }],
    });
    expect(properties['apiVersion']!['enum']).toEqual(['apps/v1']);
    expect(properties['kind']!['enum']).toEqual(['Deployment']);
    expect(schema['additionalProperties']).toBe(false);
  });

  it('reads YAML the way Kubernetes does: numbers for int-or-string and quantities, null for unset', () => {
    const definitions = kindJsonSchema(document, 'apps', 'v1', 'Deployment')!['definitions'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      oneOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }],
    });
    expect(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!['type']).toBeUndefined();
    expect(definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']!['oneOf']).toEqual([
      { type: 'string' },
      { type: 'number' },
      { type: 'null' },
    ]);
    const spec = definitions['io.k8s.api.apps.v1.DeploymentSpec']!['properties'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(spec['paused']!['type']).toEqual(['boolean', 'null']);
    // Kubernetes reads null as "not set" for any field: `lastProbeTime: null` is valid YAML for it.
    expect(spec['replicas']!['type']).toEqual(['integer', 'null']);
    expect(spec['extra']!['additionalProperties']).toBeUndefined();
  });

  it('finds core kinds by the empty group and knows where each document lives', () => {
    expect(kindJsonSchema(document, '', 'v1', 'Pod')).not.toBeNull();
    expect(kindJsonSchema(document, 'apps', 'v1', 'StatefulSet')).toBeNull();
    expect(kindJsonSchema({}, 'apps', 'v1', 'Deployment')).toBeNull();
    expect(openApiPath('', 'v1')).toBe('/openapi/v3/api/v1');
    expect(openApiPath('apps', 'v1')).toBe('/openapi/v3/apis/apps/v1');
  });
});
