import { describe, expect, it } from 'vitest';
import { UNKNOWN_PATCH_META } from '../schema/patch-meta.ts';
import type { KubeObject } from '../types.ts';
import { PatchError } from './errors.ts';
import { applyServerSide } from './server-side-apply.ts';
import { T0, T1, apply, config, entry, owned, webConfig } from './testdata/apply-helpers.ts';
import { asDeployment, deployment } from './testdata/fixtures.ts';

describe('applyServerSide: create and re-apply', () => {
  it('creates the object and records one Apply entry with the fields the configuration sets', () => {
    const created = apply(undefined, webConfig(), 'kubectl', { now: '2024-05-01T10:00:00.789Z' });
    expect(asDeployment(created).spec.replicas).toBe(2);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': {
                      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('drops a label and a container the manager no longer applies', () => {
    const first = config(
      {
        template: {
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.25' },
              { name: 'metrics', image: 'exporter:1' },
            ],
          },
        },
      },
      { labels: { app: 'web', tier: 'frontend' } },
    );
    const second = config(
      { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
      { labels: { app: 'web' } },
    );
    const result = asDeployment(apply(apply(undefined, first, 'deployer'), second, 'deployer'));
    expect(result.metadata.labels).toEqual({ app: 'web' });
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('drops a whole struct the manager stops applying, when nobody else owns anything in it', () => {
    const withStrategy = config({ replicas: 1, strategy: { type: 'Recreate' } });
    const result = asDeployment(
      apply(apply(undefined, withStrategy, 'deployer'), config({ replicas: 1 }), 'deployer'),
    );
    expect(result.spec.strategy).toBeUndefined();
  });

  it('keeps a field another manager still applies with the same value', () => {
    const shared = config({}, { labels: { team: 'payments' } });
    let live = apply(undefined, shared, 'team-a');
    live = apply(live, shared, 'team-b');
    expect(owned(live, 'team-b')).toEqual(['.metadata.labels.team']);
    live = apply(live, config({}, { labels: {} }), 'team-a');
    expect(asDeployment(live).metadata.labels).toEqual({ team: 'payments' });
    expect(entry(live, 'team-a')).toBeUndefined();
  });

  it('lets two managers own different fields of the same object', () => {
    const live = apply(
      apply(undefined, webConfig(), 'deployer'),
      config({}, { labels: { team: 'payments' } }),
      'labeler',
    );
    expect(asDeployment(live).metadata.labels).toEqual({ app: 'web', team: 'payments' });
    expect(owned(live, 'labeler')).toEqual(['.metadata.labels.team']);
    expect(owned(live, 'deployer')).toContain('.spec.replicas');
  });

  it('appends items a configuration adds to a keyed list and follows the applied order', () => {
    const live = apply(undefined, webConfig(), 'deployer');
    const withSidecar = apply(
      live,
      config({ template: { spec: { containers: [{ name: 'sidecar', image: 'envoy' }] } } }),
      'mesh',
    );
    expect(asDeployment(withSidecar).spec.template.spec.containers.map((c) => c.name)).toEqual([
      'nginx',
      'sidecar',
    ]);
  });

  it('reorders keyed items to the applied order', () => {
    const both = config({
      template: { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
    });
    const live = apply(undefined, both, 'deployer');
    const reordered = config({
      template: { spec: { containers: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } },
    });
    expect(
      asDeployment(apply(live, reordered, 'deployer')).spec.template.spec.containers.map((c) => c.name),
    ).toEqual(['c', 'a', 'b']);
  });

  it('inserts a new item where the applied order puts it, ahead of items other managers added', () => {
    const containers = (...names: string[]) =>
      config({ template: { spec: { containers: names.map((name) => ({ name })) } } });
    let live = apply(undefined, containers('a', 'b'), 'deployer');
    live = apply(live, containers('x'), 'mesh');
    live = apply(live, containers('a', 'n', 'b'), 'deployer');
    expect(asDeployment(live).spec.template.spec.containers.map((c) => c.name)).toEqual(['a', 'n', 'b', 'x']);
  });

  it('keeps one entry per applier across API versions, recording the latest version', () => {
    const widget = (version: string): KubeObject => ({
      apiVersion: `example.com/${version}`,
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { size: 1 },
    });
    const applyAt = (live: KubeObject | undefined, version: string) =>
      applyServerSide({
        live,
        applied: widget(version),
        manager: 'ctl',
        force: false,
        meta: UNKNOWN_PATCH_META,
        now: T0,
        apiVersion: `example.com/${version}`,
      }).object;
    const result = applyAt(applyAt(undefined, 'v1'), 'v2');
    expect(result.metadata.managedFields?.map((e) => [e.manager, e.apiVersion])).toEqual([
      ['ctl', 'example.com/v2'],
    ]);
  });

  it('owns the keys of schemaless maps one by one, as for a custom resource without schema', () => {
    const widget: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { limits: { cpu: 1 } },
    };
    const created = applyServerSide({
      live: undefined,
      applied: widget,
      manager: 'ctl',
      force: false,
      meta: UNKNOWN_PATCH_META,
      now: T0,
      apiVersion: 'example.com/v1',
    }).object;
    expect(created.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      'f:spec': { 'f:limits': { '.': {}, 'f:cpu': {} } },
    });
  });

  it('owns set items by value', () => {
    const live = apply(undefined, config({}, { finalizers: ['example.com/protect'] }), 'deployer');
    expect(entry(live, 'deployer')?.fieldsV1).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"example.com/protect"': {} } },
    });
  });

  it('keeps the entry time when re-applying changes nothing', () => {
    const live = apply(undefined, webConfig(), 'deployer', { now: T0 });
    const again = apply(live, webConfig(), 'deployer', { now: T1 });
    expect(entry(again, 'deployer')?.time).toBe(T0);
    expect(again).toEqual(live);
  });
});

describe('applyServerSide: refused configurations', () => {
  function refusal(applied: KubeObject): PatchError {
    try {
      apply(deployment(), applied, 'deployer');
    } catch (error) {
      if (error instanceof PatchError) return error;
      throw error;
    }
    throw new Error('expected a PatchError');
  }

  it('refuses managedFields in the configuration', () => {
    const applied = config({}, { managedFields: [] });
    expect(refusal(applied).toStatus()).toMatchObject({
      code: 400,
      message: 'metadata.managedFields must be nil',
    });
  });

  it('refuses another version of the kind', () => {
    const applied = { ...config({}), apiVersion: 'apps/v1beta1' };
    expect(refusal(applied).message).toBe('invalid object type: apps/v1beta1, Kind=Deployment');
  });

  it('refuses two containers with the same name like the typed conversion does', () => {
    const applied = config({ template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } });
    expect(refusal(applied).toStatus()).toMatchObject({
      code: 500,
      message:
        'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): ' +
        '.spec.template.spec.containers: duplicate entries for key [name="a"]',
    });
  });

  it('refuses a container without a name', () => {
    const applied = config({ template: { spec: { containers: [{ image: 'busybox' }] } } });
    expect(refusal(applied).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): ' +
        '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });
});
