import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { configMap, startTestCore, type TestCore } from '../testing/test-core.ts';
import { isApiError, type ApiError } from './errors.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(() => t.stop());

function catchApiError(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

const deployment = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

describe('create', () => {
  it('assigns uid, creationTimestamp and resourceVersion', () => {
    const api = t.core.api;
    const created = api.create(
      api.kind('', 'v1', 'configmaps'),
      'default',
      configMap('default', 'a'),
      t.args(),
    );
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(created.metadata.resourceVersion).toBe(String(t.core.store.currentVersion()));
  });

  it('generates names with a five character suffix from generateName', () => {
    const api = t.core.api;
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'job-' } };
    const created = api.create(api.kind('', 'v1', 'configmaps'), 'default', body, t.args());
    expect(created.metadata.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses duplicates with the real AlreadyExists Status', () => {
    const api = t.core.api;
    const kind = api.kind('apps', 'v1', 'deployments');
    api.create(kind, 'default', deployment('web'), t.args());
    const err = catchApiError(() => api.create(kind, 'default', deployment('web'), t.args()));
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 409,
    });
  });

  it('persists nothing on dryRun but answers like a real create', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const before = t.core.store.currentVersion();
    const result = api.create(kind, 'default', configMap('default', 'dry'), t.args({ dryRun: true }));
    expect(result.metadata.uid).toBeDefined();
    expect(t.core.store.currentVersion()).toBe(before);
    expect(t.core.store.get(kind.storageKey, 'default', 'dry')).toBeUndefined();
  });

  it('refuses content in a namespace that does not exist', () => {
    const api = t.core.api;
    const err = catchApiError(() =>
      api.create(api.kind('', 'v1', 'configmaps'), 'nowhere', configMap('nowhere', 'a'), t.args()),
    );
    expect(err.code).toBe(404);
    expect(err.message).toBe('namespaces "nowhere" not found');
  });
});

describe('bodies that do not fit the URL', () => {
  const message = (run: () => unknown): string => {
    const err = catchApiError(run);
    expect([err.code, err.reason]).toEqual([400, 'BadRequest']);
    return err.message;
  };

  it('types a body the way the apiserver decoder does', () => {
    const api = t.core.api;
    const configMaps = api.kind('', 'v1', 'configmaps');
    const create = (body: object) => () => api.create(configMaps, 'default', body, t.args());
    expect(message(create({ apiVersion: 'v9', kind: 'ConfigMap', metadata: { name: 'a' } }))).toBe(
      'ConfigMap in version "v9" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "v9" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
    expect(message(create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } }))).toBe(
      'Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion',
    );
    expect(message(create({ apiVersion: 'v1', kind: 'configmap', metadata: { name: 'a' } }))).toBe(
      'configmap in version "v1" cannot be handled as a ConfigMap: no kind "configmap" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
    const deployments = api.kind('apps', 'v1', 'deployments');
    expect(
      message(() =>
        api.create(
          deployments,
          'default',
          { ...deployment('web'), apiVersion: 'batch/v1', kind: 'Job' },
          t.args(),
        ),
      ),
    ).toBe(
      'Job in version "v1" cannot be handled as a Deployment: converting (v1.Job) to (apps.Deployment): unknown conversion',
    );
    // core/v1 and events.k8s.io/v1 Events share one internal type: decoded, then refused.
    const events = api.kind('events.k8s.io', 'v1', 'events');
    expect(
      message(() =>
        api.create(events, 'default', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } }, t.args()),
      ),
    ).toBe('the API version in the data (v1) does not match the expected API version (events.k8s.io/v1)');
    // Without apiVersion and kind the URL decides.
    expect(api.create(configMaps, 'default', { metadata: { name: 'typed' } }, t.args()).kind).toBe(
      'ConfigMap',
    );
  });

  it('reports unknown fields under fieldValidation=Strict as a decode error of the kind', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const strict = t.args({ fieldValidation: 'Strict' });
    const body = { ...configMap('default', 'strict'), spec: { x: 1 }, bogus: true };
    expect(message(() => api.create(kind, 'default', structuredClone(body), strict))).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec", unknown field "bogus"',
    );
    const created = api.create(kind, 'default', configMap('default', 'strict'), strict);
    expect(
      message(() => api.update(kind, 'default', 'strict', { ...structuredClone(created), bogus: 1 }, strict)),
    ).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    );
  });

  it("checks the body's name and namespace against the URL on update, before looking the object up", () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const update = (name: string, body: KubeObject) => () =>
      api.update(kind, 'default', name, body, t.args());
    api.create(kind, 'default', configMap('default', 'a'), t.args());
    expect(message(update('a', configMap('default', 'b')))).toBe(
      'the name of the object (b) does not match the name on the URL (a)',
    );
    expect(message(update('missing', configMap('default', 'b')))).toBe(
      'the name of the object (b) does not match the name on the URL (missing)',
    );
    expect(message(update('a', configMap('kube-system', 'a')))).toBe(
      'the namespace of the object (kube-system) does not match the namespace on the request (default)',
    );
    // On create, BeforeCreate words it differently.
    expect(message(() => api.create(kind, 'default', configMap('kube-system', 'c'), t.args()))).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });
});

describe('update', () => {
  it('rejects a stale resourceVersion with the real Conflict message', () => {
    const api = t.core.api;
    const kind = api.kind('apps', 'v1', 'deployments');
    const created = api.create(kind, 'default', deployment('web'), t.args());
    api.update(
      kind,
      'default',
      'web',
      { ...structuredClone(created), spec: { ...(created.spec as object), replicas: 2 } },
      t.args(),
    );
    const stale = structuredClone(created);
    const err = catchApiError(() => api.update(kind, 'default', 'web', stale, t.args()));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('bumps generation on spec changes only and ignores status on the main resource', () => {
    const api = t.core.api;
    const kind = api.kind('apps', 'v1', 'deployments');
    const created = api.create(kind, 'default', deployment('web'), t.args());
    expect(created.metadata.generation).toBe(1);
    const labelled = structuredClone(created);
    labelled.metadata.labels = { a: 'b' };
    labelled.status = { replicas: 9 };
    const afterLabel = api.update(kind, 'default', 'web', labelled, t.args());
    expect(afterLabel.metadata.generation).toBe(1);
    expect(afterLabel.status).toEqual({});
    const scaled = structuredClone(afterLabel);
    (scaled.spec as { replicas: number }).replicas = 3;
    expect(api.update(kind, 'default', 'web', scaled, t.args()).metadata.generation).toBe(2);
  });

  it('writes only status through the status subresource', () => {
    const api = t.core.api;
    const kind = api.kind('apps', 'v1', 'deployments');
    const created = api.create(kind, 'default', deployment('web'), t.args());
    const body = structuredClone(created);
    body.status = { replicas: 1, readyReplicas: 1 };
    (body.spec as { replicas: number }).replicas = 7;
    const updated = api.updateStatus(kind, 'default', 'web', body, t.args());
    expect(updated.status).toEqual({ replicas: 1, readyReplicas: 1 });
    expect((updated.spec as { replicas: number }).replicas).toBe(1);
    expect(updated.metadata.generation).toBe(1);
  });

  it('keeps the resourceVersion when nothing changes', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const created = api.create(kind, 'default', configMap('default', 'same'), t.args());
    const again = api.update(kind, 'default', 'same', structuredClone(created), t.args());
    expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('returns 404 for objects that do not exist', () => {
    const api = t.core.api;
    const err = catchApiError(() =>
      api.update(api.kind('apps', 'v1', 'deployments'), 'default', 'nope', deployment('nope'), t.args()),
    );
    expect(err.message).toBe('deployments.apps "nope" not found');
  });
});

describe('finalizers and deletion', () => {
  it('marks an object with finalizers for deletion and removes it when they are gone', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const body = configMap('default', 'held');
    body.metadata.finalizers = ['example.com/hold'];
    api.create(kind, 'default', body, t.args());
    const result = api.delete(kind, 'default', 'held', {}, t.args());
    expect(result.deleted).toBe(false);
    expect(result.object.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    const released = structuredClone(result.object);
    released.metadata.finalizers = [];
    api.update(kind, 'default', 'held', released, t.args());
    expect(t.core.store.get(kind.storageKey, 'default', 'held')).toBeUndefined();
  });

  it('refuses new finalizers on an object being deleted', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    const body = configMap('default', 'held');
    body.metadata.finalizers = ['a'];
    api.create(kind, 'default', body, t.args());
    const marked = structuredClone(api.delete(kind, 'default', 'held', {}, t.args()).object);
    marked.metadata.finalizers = ['a', 'b'];
    const err = catchApiError(() => api.update(kind, 'default', 'held', marked, t.args()));
    expect(err.code).toBe(422);
    expect(err.message).toContain('no new finalizers can be added if the object is being deleted');
  });

  it('checks delete preconditions', () => {
    const api = t.core.api;
    const kind = api.kind('', 'v1', 'configmaps');
    api.create(kind, 'default', configMap('default', 'p'), t.args());
    const err = catchApiError(() =>
      api.delete(kind, 'default', 'p', { preconditions: { uid: 'other' } }, t.args()),
    );
    expect(err.code).toBe(409);
    expect(err.message).toMatch(
      /^Operation cannot be fulfilled on configmaps "p": Precondition failed: UID in precondition: other/,
    );
  });

  it('protects the system namespaces', () => {
    const api = t.core.api;
    const err = catchApiError(() =>
      api.delete(api.kind('', 'v1', 'namespaces'), '', 'kube-system', {}, t.args()),
    );
    expect(err.status.message).toBe(
      'namespaces "kube-system" is forbidden: this namespace may not be deleted',
    );
  });
});
