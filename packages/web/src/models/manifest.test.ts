import { describe, expect, it } from 'vitest';
import { countDocuments, editableObject, parseManifest, sameObject, toYaml } from './manifest';

describe('manifests in the YAML editor', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      resourceVersion: '42',
      managedFields: [{ manager: 'kubectl' }],
    },
    spec: { replicas: 2 },
  };

  it('hides managedFields and round-trips through YAML', () => {
    const text = toYaml(editableObject(deployment));
    expect(text).not.toContain('managedFields');
    expect(text).toContain('resourceVersion: "42"');
    const parsed = parseManifest(text);
    expect(parsed).toEqual({
      ok: true,
      object: { ...deployment, metadata: { name: 'web', namespace: 'shop', resourceVersion: '42' } },
    });
    expect(deployment.metadata.managedFields).toHaveLength(1);
  });

  it('explains what is wrong with the text', () => {
    expect(parseManifest('a: [1,')).toMatchObject({ ok: false });
    expect(parseManifest('kind: Pod')).toEqual({ ok: false, message: 'metadata.name is missing' });
    expect(parseManifest('a: 1\n---\nb: 2')).toEqual({
      ok: false,
      message: 'expected one document, found 2',
    });
  });

  it('counts documents and ignores formatting differences', () => {
    expect(countDocuments('a: 1\n---\nb: 2\n---\n')).toBe(2);
    expect(sameObject('a: 1\nb: [1, 2]', 'b:\n  - 1\n  - 2\na: 1')).toBe(false);
    expect(sameObject('a: 1\nb: [1, 2]', 'a: 1\nb:\n  - 1\n  - 2')).toBe(true);
  });
});
