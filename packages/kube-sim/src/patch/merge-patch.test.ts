import { describe, expect, it } from 'vitest';
import { PatchError } from './errors.ts';
import { applyMergePatch } from './merge-patch.ts';
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

describe('applyMergePatch', () => {
  it('deletes a label with null and adds another', () => {
    const result = asDeployment(
      applyMergePatch(deployment(), { metadata: { labels: { tier: null, track: 'stable' } } }),
    );
    expect(result.metadata.labels).toEqual({ app: 'web', track: 'stable' });
  });

  it('merges nested objects but replaces lists whole', () => {
    const result = asDeployment(
      applyMergePatch(deployment(), {
        spec: { replicas: 5, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
      }),
    );
    expect(result.spec.replicas).toBe(5);
    expect(result.spec.template.spec.volumes).toEqual([
      { name: 'config', configMap: { name: 'web-config' } },
    ]);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.27' }]);
  });

  it('drops nulls inside newly added objects', () => {
    const result = asDeployment(
      applyMergePatch(deployment(), { spec: { paused: { reason: 'x', until: null } } }),
    );
    expect((result.spec as Record<string, unknown>).paused).toEqual({ reason: 'x' });
  });

  it('answers 400 "Invalid JSON Patch" for a null or scalar body', () => {
    for (const body of [null, 42, 'text']) {
      const error = patchError(() => applyMergePatch(deployment(), body));
      expect(error.toStatus()).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message: 'Invalid JSON Patch',
      });
    }
  });

  it('answers 422 for a list body, which cannot decode into an object', () => {
    const error = patchError(() => applyMergePatch(deployment(), [{ op: 'add' }]));
    expect(error.reason).toBe('Invalid');
    expect(error.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\[\{\\"op\\":\\"add\\"\}\]": couldn't get version\/kind/,
    );
  });

  it('leaves the input document untouched', () => {
    const original = deployment();
    applyMergePatch(original, { metadata: { labels: null } });
    expect(original).toEqual(deployment());
  });
});
