import { describe, expect, it } from 'vitest';
import { MASK, objectDiff } from './object-diff.ts';

const deployment = (replicas: number, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', resourceVersion: String(replicas), managedFields: [{}] },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
});

describe('objectDiff', () => {
  it('keeps only what changed, at the level it changed', () => {
    expect(objectDiff(deployment(1, 'nginx:1'), deployment(3, 'nginx:1'))).toEqual({
      before: { spec: { replicas: 1 } },
      after: { spec: { replicas: 3 } },
    });
  });

  it('gives the whole object for a creation or a deletion, without bookkeeping fields', () => {
    const diff = objectDiff(null, deployment(1, 'nginx:1'));
    expect(diff.before).toBeUndefined();
    expect(diff.after).toMatchObject({ metadata: { name: 'web' } });
    expect(JSON.stringify(diff)).not.toContain('managedFields');
    expect(JSON.stringify(diff)).not.toContain('resourceVersion');
  });

  it('never lets a Secret value into the log, yet names the keys that changed', () => {
    const secret = (password: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${password}"}}`,
        },
      },
      data: { user: 'YWRtaW4=', password },
    });
    const diff = objectDiff(secret('c2VjcmV0LTE='), secret('c2VjcmV0LTI='));
    const text = JSON.stringify(diff);
    expect(text).not.toContain('c2VjcmV0');
    expect(text).not.toContain('YWRtaW4=');
    expect(diff.after).toMatchObject({ data: { password: MASK } });
    expect((diff.after?.['data'] as Record<string, string>)['user']).toBeUndefined();
    expect(JSON.stringify(objectDiff(null, secret('c2VjcmV0LTE=')))).not.toContain('c2VjcmV0');
  });

  it('cuts huge objects down to what fits the audit column', () => {
    const big = { kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(200_000) } };
    const diff = objectDiff(null, big);
    expect(JSON.stringify(diff).length).toBeLessThan(50_000);
    expect(diff.after).toMatchObject({ metadata: { name: 'big' } });
  });
});
