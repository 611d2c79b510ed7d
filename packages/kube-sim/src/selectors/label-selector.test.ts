import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/errors.ts';
import { formatLabelSelector, fromStructured, matchesLabels, parseLabelSelector } from './label-selector.ts';

const pod = { app: 'web', tier: 'frontend', version: '3' };

function matches(selector: string): boolean {
  return matchesLabels(parseLabelSelector(selector), pod);
}

describe('label selector strings', () => {
  it('supports equality, inequality and set operators', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web')).toBe(true);
    expect(matches('app!=web')).toBe(false);
    expect(matches('app!=db')).toBe(true);
    expect(matches('tier in (frontend, backend)')).toBe(true);
    expect(matches('tier notin (frontend)')).toBe(false);
    expect(matches('missing notin (x)')).toBe(true);
  });

  it('supports exists, does-not-exist and numeric comparisons', () => {
    expect(matches('app')).toBe(true);
    expect(matches('!app')).toBe(false);
    expect(matches('!owner')).toBe(true);
    expect(matches('version>2')).toBe(true);
    expect(matches('version<3')).toBe(false);
  });

  it('requires every comma-separated requirement', () => {
    expect(matches('app=web,tier=frontend')).toBe(true);
    expect(matches('app=web,tier=backend')).toBe(false);
    expect(matches('app in (web),!owner,version')).toBe(true);
  });

  it('does not match objects without labels unless only negations are asked', () => {
    expect(matchesLabels(parseLabelSelector('app=web'), undefined)).toBe(false);
    expect(matchesLabels(parseLabelSelector('app!=web'), undefined)).toBe(true);
  });

  it('rejects malformed selectors with a 400 BadRequest', () => {
    for (const bad of ['app=web=x', 'tier in frontend', 'a b', 'in (x)', 'x,']) {
      let error: unknown;
      try {
        parseLabelSelector(bad);
      } catch (err) {
        error = err;
      }
      if (bad === 'x,') {
        expect(error).toBeUndefined();
        continue;
      }
      expect(isApiError(error), bad).toBe(true);
      if (isApiError(error)) {
        expect(error.code).toBe(400);
        expect(error.message).toMatch(/^(unable to parse requirement|found)/);
      }
    }
  });

  it('rejects invalid label values like the real validation', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow();
    expect(() => parseLabelSelector(`app=${'x'.repeat(64)}`)).toThrow(/values\[0\]\[app\]: Invalid value/);
  });
});

describe('structured label selectors', () => {
  it('treat null as matching nothing and {} as matching everything', () => {
    expect(matchesLabels(fromStructured(null), pod)).toBe(false);
    expect(matchesLabels(fromStructured({}), pod)).toBe(true);
  });

  it('combine matchLabels and matchExpressions', () => {
    const selector = fromStructured({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['frontend'] },
        { key: 'owner', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(selector, pod)).toBe(true);
    expect(matchesLabels(selector, { ...pod, owner: 'me' })).toBe(false);
  });

  it('format sorted by key, as Scale.status.selector shows them', () => {
    const selector = fromStructured({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }],
    });
    expect(formatLabelSelector(selector)).toBe('app=shop,env notin (dev,prod),tier=web');
  });
});
