import { describe, expect, it } from 'vitest';
import { PatchError } from './errors.ts';
import { applyJsonPatch } from './json-patch.ts';
import { asDeployment, deployment } from './testdata/fixtures.ts';

function patchError(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  it('replaces one container image by index and leaves the other container alone', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [
        { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.27' },
      ]),
    );
    expect(result.spec.template.spec.containers.map((c) => c.image)).toEqual([
      'nginx:1.27',
      'prom/nginx-exporter:0.11',
    ]);
  });

  it('decodes ~1 and ~0 in keys, so labels with slashes can be added', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [
        { op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' },
        { op: 'add', path: '/metadata/labels/a~0b', value: 'tilde' },
      ]),
    );
    expect(result.metadata.labels).toEqual({
      app: 'web',
      tier: 'frontend',
      'app.kubernetes.io/name': 'web',
      'a~b': 'tilde',
    });
  });

  it('appends with "-", inserts at an index, and counts negative indices from the end', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [
        { op: 'add', path: '/metadata/finalizers/-', value: 'last' },
        { op: 'add', path: '/metadata/finalizers/0', value: 'first' },
        { op: 'remove', path: '/metadata/finalizers/-1' },
      ]),
    );
    expect(result.metadata.finalizers).toEqual(['first', 'example.com/protect']);
  });

  it('moves and copies values', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [
        { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
        { op: 'move', from: '/metadata/labels/tier', path: '/metadata/annotations/tier' },
      ]),
    );
    expect(result.metadata.labels).toEqual({ app: 'web', copied: 'web' });
    expect(result.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      tier: 'frontend',
    });
  });

  it('applies the rest of the patch once a test passes', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [
        { op: 'test', path: '/spec/replicas', value: 3 },
        { op: 'replace', path: '/spec/replicas', value: 5 },
      ]),
    );
    expect(result.spec.replicas).toBe(5);
  });

  it('answers a failed test with the 422 the apiserver sends: a fixed message, empty details', () => {
    const error = patchError(() =>
      applyJsonPatch(deployment(), [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 5 },
      ]),
    );
    expect(error.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(error.serverMessage).toBe('testing value /spec/replicas failed: test failed');
  });

  it('reports a path through a missing parent like the json-patch library', () => {
    const error = patchError(() =>
      applyJsonPatch(deployment(), [{ op: 'add', path: '/spec/paused/x', value: true }]),
    );
    expect(error.serverMessage).toBe(
      'add operation does not apply: doc is missing path: "/spec/paused/x": missing value',
    );
  });

  it('refuses to remove a key that is not there', () => {
    const error = patchError(() =>
      applyJsonPatch(deployment(), [{ op: 'remove', path: '/metadata/labels/missing' }]),
    );
    expect(error.code).toBe(422);
    expect(error.serverMessage).toBe(
      "error in remove for path: '/metadata/labels/missing': Unable to remove nonexistent key: missing: missing value",
    );
  });

  it('refuses an index beyond the end of a list', () => {
    const error = patchError(() =>
      applyJsonPatch(deployment(), [{ op: 'remove', path: '/spec/template/spec/containers/5' }]),
    );
    expect(error.serverMessage).toBe(
      "error in remove for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced",
    );
  });

  it('lets replace create a missing object key, as the apiserver library does', () => {
    const result = asDeployment(
      applyJsonPatch(deployment(), [{ op: 'replace', path: '/metadata/labels/new', value: 'x' }]),
    );
    expect(result.metadata.labels?.new).toBe('x');
  });

  it('names an unknown operation', () => {
    const error = patchError(() => applyJsonPatch(deployment(), [{ op: 'frobnicate', path: '/spec' }]));
    expect(error.serverMessage).toBe('Unexpected kind: frobnicate');
  });

  it('answers 400 when the body is not a list of operations', () => {
    const error = patchError(() => applyJsonPatch(deployment(), { op: 'add', path: '/x', value: 1 }));
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });

  it('leaves the input document untouched', () => {
    const original = deployment();
    applyJsonPatch(original, [{ op: 'remove', path: '/metadata/labels' }]);
    expect(original).toEqual(deployment());
  });
});
