import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { configMap, startTestCore, type TestCore } from '../testing/test-core.ts';
import { decodeContinue, encodeContinue, CONTINUE_EXPIRED_MESSAGE } from './continue-token.ts';
import { isApiError, type ApiError } from './errors.ts';
import { defaultListOptions, type ListOptions } from './list-options.ts';
import { parseLabelSelector } from '../selectors/label-selector.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore({ watchHistorySize: 50 });
  const api = t.core.api;
  const ns = api.kind('', 'v1', 'namespaces');
  api.create(ns, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, t.args());
  const cm = api.kind('', 'v1', 'configmaps');
  for (let i = 0; i < 10; i++) {
    const body = configMap('shop', `cm-${i}`);
    body.metadata.labels = { parity: i % 2 === 0 ? 'even' : 'odd' };
    api.create(cm, 'shop', body, t.args());
  }
});
afterEach(() => t.stop());

function list(options: Partial<ListOptions>): ReturnType<TestCore['core']['api']['list']> {
  const api = t.core.api;
  return api.list(api.kind('', 'v1', 'configmaps'), 'shop', { ...defaultListOptions(), ...options });
}

function names(items: KubeObject[]): string[] {
  return items.map((i) => i.metadata.name ?? '');
}

function catchApiError(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('list pagination', () => {
  it('pages with limit/continue and reports the remaining item count', () => {
    const first = list({ limit: 4 });
    expect(names(first.items)).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3']);
    expect(first.remainingItemCount).toBe(6);
    const second = list({ limit: 4, continue: first.continue });
    expect(names(second.items)).toEqual(['cm-4', 'cm-5', 'cm-6', 'cm-7']);
    const third = list({ limit: 4, continue: second.continue });
    expect(names(third.items)).toEqual(['cm-8', 'cm-9']);
    expect(third.continue).toBeUndefined();
    expect(third.resourceVersion).toBe(first.resourceVersion);
  });

  it('serves later pages from the snapshot of the first page', () => {
    const first = list({ limit: 5 });
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    api.delete(kind, 'shop', 'cm-7', {}, t.args());
    api.create(kind, 'shop', configMap('shop', 'cm-99'), t.args());
    const rest = list({ limit: 100, continue: first.continue });
    expect(names(rest.items)).toEqual(['cm-5', 'cm-6', 'cm-7', 'cm-8', 'cm-9']);
  });

  it('answers 410 Expired with a fresh token once the snapshot is out of the history', () => {
    const first = list({ limit: 3 });
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    for (let i = 0; i < 60; i++) api.create(kind, 'shop', configMap('shop', `churn-${i}`), t.args());
    const err = catchApiError(() => list({ limit: 3, continue: first.continue }));
    expect(err.code).toBe(410);
    expect(err.reason).toBe('Expired');
    expect(err.message).toBe(CONTINUE_EXPIRED_MESSAGE);
    const fresh = (err.status.metadata as { continue?: string }).continue;
    expect(fresh).toBeDefined();
    expect(decodeContinue(fresh ?? '').rv).toBe(-1);
  });

  it('omits remainingItemCount when a selector filters the list', () => {
    const page = list({ limit: 2, labelSelector: parseLabelSelector('parity=even') });
    expect(names(page.items)).toEqual(['cm-0', 'cm-2']);
    expect(page.continue).toBeDefined();
    expect(page.remainingItemCount).toBeUndefined();
    expect(
      names(
        list({ limit: 10, labelSelector: parseLabelSelector('parity=even'), continue: page.continue }).items,
      ),
    ).toEqual(['cm-4', 'cm-6', 'cm-8']);
  });

  it('rejects malformed continue tokens with 400', () => {
    expect(catchApiError(() => list({ continue: 'not-a-token' })).code).toBe(400);
    const bad = encodeContinue({ rv: 5, start: 'x' }).replace(/^./, 'Z');
    expect(catchApiError(() => list({ continue: bad })).code).toBe(400);
  });
});

describe('list resourceVersion semantics', () => {
  it('reads the exact state at a version with resourceVersionMatch=Exact', () => {
    const at = String(t.core.store.currentVersion());
    t.core.api.delete(t.core.api.kind('', 'v1', 'configmaps'), 'shop', 'cm-0', {}, t.args());
    const exact = list({ resourceVersion: at, resourceVersionMatch: 'Exact' });
    expect(names(exact.items)).toContain('cm-0');
    expect(exact.resourceVersion).toBe(at);
    expect(names(list({}).items)).not.toContain('cm-0');
  });

  it('refuses a version newer than the cluster with 504 Timeout', () => {
    const err = catchApiError(() => list({ resourceVersion: String(t.core.store.currentVersion() + 100) }));
    expect(err.code).toBe(504);
    expect(err.message).toMatch(/^Too large resource version: \d+, current: \d+$/);
  });
});
