import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { fieldsetToPaths } from './fieldset.ts';
import { DEPLOYMENT_META, asDeployment, deployment } from './testdata/fixtures.ts';
import { updateManagedFields } from './update-managed-fields.ts';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T11:00:00Z';
const T2 = '2024-05-01T12:00:00Z';

function write(
  old: KubeObject | undefined,
  updated: KubeObject,
  manager: string,
  options: { now?: string; subresource?: string } = {},
): KubeObject {
  return updateManagedFields({
    old,
    updated,
    manager,
    operation: 'Update',
    meta: DEPLOYMENT_META,
    now: options.now ?? T1,
    apiVersion: 'apps/v1',
    ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
  });
}

function edit(object: KubeObject, change: (copy: KubeObject) => void): KubeObject {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}

function entry(object: KubeObject, manager: string): ManagedFieldsEntry | undefined {
  return object.metadata.managedFields?.find((candidate) => candidate.manager === manager);
}

const created = (): KubeObject => write(undefined, deployment(), 'kubectl-create', { now: T0 });

describe('updateManagedFields', () => {
  it('records a changed label as owned by the writer, and only that label', () => {
    const updated = edit(created(), (copy) => {
      copy.metadata.labels = { ...copy.metadata.labels, app: 'shop' };
    });
    const result = write(created(), updated, 'kubectl-label');
    expect(entry(result, 'kubectl-label')).toEqual({
      manager: 'kubectl-label',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } },
    });
    expect(fieldsetToPaths(entry(result, 'kubectl-create')?.fieldsV1)).not.toContain('.metadata.labels.app');
  });

  it('owns a map it creates as a whole (the "." entry)', () => {
    const old = write(
      undefined,
      edit(deployment(), (copy) => delete copy.metadata.annotations),
      'kubectl-create',
      { now: T0 },
    );
    const updated = edit(old, (copy) => {
      copy.metadata.annotations = { note: 'hi' };
    });
    expect(entry(write(old, updated, 'kubectl-annotate'), 'kubectl-annotate')?.fieldsV1).toEqual({
      'f:metadata': { 'f:annotations': { '.': {}, 'f:note': {} } },
    });
  });

  it('on create, gives the creator every field except the ones never tracked', () => {
    const fields = entry(created(), 'kubectl-create')?.fieldsV1 ?? {};
    // Structs a Go object always has (spec, template, …) are not owned as a whole.
    expect(Object.keys(fields['f:spec'] as object)).not.toContain('.');
    expect(Object.keys(fields['f:metadata'] as object)).not.toContain('.');
    const paths = fieldsetToPaths(fields);
    expect(paths).toContain('.spec.replicas');
    expect(paths).toContain('.spec.template.spec.containers[name="nginx"].image');
    expect(paths).toContain('.metadata.labels.app');
    for (const untracked of [
      '.apiVersion',
      '.kind',
      '.metadata.name',
      '.metadata.namespace',
      '.metadata.uid',
      '.metadata.resourceVersion',
      '.metadata.generation',
      '.metadata.creationTimestamp',
    ]) {
      expect(paths).not.toContain(untracked);
    }
  });

  it('drops an entry whose fields were all taken by others', () => {
    const scaled = write(
      created(),
      edit(created(), (copy) => void (asDeployment(copy).spec.replicas = 5)),
      'kubectl-scale',
    );
    const rescaled = write(
      scaled,
      edit(scaled, (copy) => void (asDeployment(copy).spec.replicas = 7)),
      'hpa',
      { now: T2 },
    );
    expect(entry(rescaled, 'kubectl-scale')).toBeUndefined();
    expect(fieldsetToPaths(entry(rescaled, 'hpa')?.fieldsV1)).toEqual(['.spec.replicas']);
  });

  it('forgets removed fields for everyone', () => {
    const updated = edit(created(), (copy) => {
      copy.metadata.labels = { app: 'web' };
    });
    const result = write(created(), updated, 'kubectl-label');
    expect(fieldsetToPaths(entry(result, 'kubectl-create')?.fieldsV1)).not.toContain('.metadata.labels.tier');
    expect(entry(result, 'kubectl-label')).toBeUndefined();
  });

  it('merges repeated writes by one manager and keeps the time when nothing changed', () => {
    const first = write(
      created(),
      edit(created(), (copy) => void (copy.metadata.labels = { ...copy.metadata.labels, a: '1' })),
      'editor',
    );
    const second = write(
      first,
      edit(first, (copy) => void (copy.metadata.labels = { ...copy.metadata.labels, b: '2' })),
      'editor',
      { now: T2 },
    );
    expect(fieldsetToPaths(entry(second, 'editor')?.fieldsV1)).toEqual([
      '.metadata.labels.a',
      '.metadata.labels.b',
    ]);
    expect(entry(second, 'editor')?.time).toBe(T2);
    const unchanged = write(second, structuredClone(second), 'editor', { now: '2024-05-02T00:00:00Z' });
    expect(entry(unchanged, 'editor')?.time).toBe(T2);
  });

  it('keeps subresource writes in their own entry', () => {
    const result = write(
      created(),
      edit(created(), (copy) => void (copy.status = { replicas: 3 })),
      'deployment-controller',
      {
        subresource: 'status',
      },
    );
    expect(entry(result, 'deployment-controller')).toMatchObject({
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    });
  });

  it('clears managed fields when the request sets them to [] and stops tracking afterwards', () => {
    const reset = write(
      created(),
      edit(created(), (copy) => void (copy.metadata.managedFields = [])),
      'kubectl-edit',
    );
    expect(reset.metadata).not.toHaveProperty('managedFields');
    const later = write(
      reset,
      edit(reset, (copy) => void (asDeployment(copy).spec.replicas = 9)),
      'kubectl-scale',
    );
    expect(later.metadata).not.toHaveProperty('managedFields');
  });

  it('sorts entries as the apiserver does: by operation, then time, then manager', () => {
    let object = created();
    object = write(
      object,
      edit(object, (copy) => void (copy.metadata.labels = { ...copy.metadata.labels, z: '1' })),
      'zeta',
      { now: T1 },
    );
    object = write(
      object,
      edit(object, (copy) => void (copy.metadata.labels = { ...copy.metadata.labels, a: '1' })),
      'alpha',
      { now: T1 },
    );
    expect(object.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create', 'alpha', 'zeta']);
  });

  it('leaves the input objects untouched', () => {
    const old = created();
    const updated = edit(old, (copy) => void (asDeployment(copy).spec.replicas = 5));
    const snapshot = structuredClone(updated);
    write(old, updated, 'kubectl-scale');
    expect(updated).toEqual(snapshot);
  });
});
