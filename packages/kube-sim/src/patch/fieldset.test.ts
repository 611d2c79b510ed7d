import { describe, expect, it } from 'vitest';
import { FieldSet, fieldsetToPaths } from './fieldset.ts';

/** fieldsV1 as a real apiserver wrote it for `kubectl create deployment web --image=nginx --port=80`. */
const KUBECTL_CREATE_FIELDS = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': {
              '.': {},
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
            },
          },
        },
      },
    },
  },
};

describe('fieldsetToPaths', () => {
  it('lists owned fields in fieldpath notation and order', () => {
    expect(fieldsetToPaths(KUBECTL_CREATE_FIELDS)).toEqual([
      '.metadata.labels',
      '.metadata.labels.app',
      '.spec.replicas',
      '.spec.selector',
      '.spec.template.spec.containers[name="nginx"]',
      '.spec.template.spec.containers[name="nginx"].image',
      '.spec.template.spec.containers[name="nginx"].name',
      '.spec.template.spec.containers[name="nginx"].ports',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].containerPort',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].protocol',
    ]);
  });

  it('prints set items by value', () => {
    expect(fieldsetToPaths({ 'f:metadata': { 'f:finalizers': { 'v:"example.com/protect"': {} } } })).toEqual([
      '.metadata.finalizers[="example.com/protect"]',
    ]);
  });
});

describe('FieldSet fieldsV1 round trip', () => {
  it('writes back what it read, with "." only where a node is owned itself', () => {
    expect(FieldSet.fromFieldsV1(KUBECTL_CREATE_FIELDS).toFieldsV1()).toEqual(KUBECTL_CREATE_FIELDS);
  });

  it('orders keys as the Go serializer does: ".", fields, keyed items, then values', () => {
    const set = FieldSet.fromFieldsV1({
      'f:list': { 'v:"b"': {}, 'v:"a"': {}, '.': {} },
      'f:b': {},
      'f:a': {},
    });
    const written = set.toFieldsV1();
    expect(Object.keys(written)).toEqual(['f:a', 'f:b', 'f:list']);
    expect(Object.keys(written['f:list'] as object)).toEqual(['.', 'v:"a"', 'v:"b"']);
  });

  it('computes differences member by member', () => {
    const all = FieldSet.fromFieldsV1(KUBECTL_CREATE_FIELDS);
    const replicas = FieldSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {} } });
    expect(fieldsetToPaths(all.difference(replicas).toFieldsV1())).not.toContain('.spec.replicas');
    expect(fieldsetToPaths(all.intersection(replicas).toFieldsV1())).toEqual(['.spec.replicas']);
  });
});
