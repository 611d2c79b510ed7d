import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from './field-selector.ts';
import { parseLabelSelector } from './label-selector.ts';

describe('label selectors', () => {
  const web = { app: 'web', tier: 'frontend', 'example.com/rank': '3' };

  it('match equality, set and existence requirements like Kubernetes', () => {
    const matches = (selector: string) => parseLabelSelector(selector).matches(web);
    expect(matches('')).toBe(true);
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web,tier=frontend')).toBe(true);
    expect(matches('app!=web')).toBe(false);
    expect(matches('app in (api, web)')).toBe(true);
    expect(matches('tier notin (frontend)')).toBe(false);
    expect(matches('app,!legacy')).toBe(true);
    expect(matches('!app')).toBe(false);
    expect(matches('example.com/rank>2')).toBe(true);
    expect(matches('example.com/rank<2')).toBe(false);
    expect(parseLabelSelector('missing!=x').matches({})).toBe(true);
  });

  it('refuses malformed selectors naming the field', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow(/labelSelector/);
    expect(() => parseLabelSelector('app=web,,x')).toThrow(/empty requirement/);
    expect(() => parseLabelSelector('-bad=x')).toThrow(/not a valid label key/);
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'web-1', namespace: 'shop' }, status: { phase: 'Running' } };

  it('compare dotted paths with =, == and !=', () => {
    expect(parseFieldSelector('metadata.name=web-1').matches(pod)).toBe(true);
    expect(parseFieldSelector('status.phase==Running,metadata.namespace!=shop').matches(pod)).toBe(false);
    expect(parseFieldSelector('spec.nodeName=').matches(pod)).toBe(true);
    expect(() => parseFieldSelector('status.phase')).toThrow(/fieldSelector/);
  });
});
