import { describe, expect, it } from 'vitest';
import { computeHash, safeEncode } from './hashing.ts';

describe('template hashes', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  };

  it('depend on the content, not on key order', () => {
    const reordered = {
      spec: { containers: [{ image: 'nginx', name: 'app' }] },
      metadata: { labels: { app: 'web' } },
    };
    expect(computeHash(reordered)).toBe(computeHash(template));
    expect(
      computeHash({ ...template, spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } }),
    ).not.toBe(computeHash(template));
  });

  it('change with the collision count', () => {
    expect(computeHash(template, 0)).toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 2)).not.toBe(computeHash(template, 1));
  });

  it('look like the real ones: decimal digits spelled in the safe alphabet', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf');
    expect(computeHash(template)).toMatch(/^[4-9bcdf]{1,10}$/);
  });
});
