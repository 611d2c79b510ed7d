import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { startTestCore, type TestCore } from '../../testing/test-core.ts';
import { isApiError, type ApiError } from '../errors.ts';
import { MERGE_PATCH } from '../patches.ts';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore({ extensions: [] }); // the core alone: no kubelet ends deletions
});
afterEach(() => t.stop());

async function failure(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function createPod(name: string, labels: Record<string, string> = {}, nodeName?: string): KubeObject {
  const api = t.core.api;
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] };
  if (nodeName !== undefined) spec.nodeName = nodeName;
  return api.create(
    api.kind('', 'v1', 'pods'),
    'default',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec },
    t.args(),
  );
}

function runningStatus(name: string): void {
  const api = t.core.api;
  const pod = structuredClone(api.get(api.kind('', 'v1', 'pods'), 'default', name));
  pod.status = { phase: 'Running' };
  api.updateStatus(api.kind('', 'v1', 'pods'), 'default', name, pod, t.args());
}

function pdb(disruptionsAllowed: number): void {
  const api = t.core.api;
  const kind = api.kind('policy', 'v1', 'poddisruptionbudgets');
  const created = api.create(
    kind,
    'default',
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web-pdb' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    },
    t.args(),
  );
  const withStatus = structuredClone(created);
  withStatus.status = {
    observedGeneration: 1,
    disruptionsAllowed,
    currentHealthy: 1,
    desiredHealthy: 1,
    expectedPods: 1,
  };
  api.updateStatus(kind, 'default', 'web-pdb', withStatus, t.args());
}

describe('pods/eviction', () => {
  it('refuses an eviction that would violate a disruption budget with 429', async () => {
    createPod('web-1', { app: 'web' }, 'node-a');
    runningStatus('web-1');
    pdb(0);
    const client = t.core.client;
    const err = await failure(() =>
      client.createSubresource(
        { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' },
        'eviction',
        {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: 'web-1', namespace: 'default' },
        },
      ),
    );
    expect(err.status).toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget web-pdb needs 1 healthy pods and has 1 currently',
          },
        ],
      },
    });
    expect(t.core.store.get('/pods', 'default', 'web-1')).toBeDefined();
  });

  it('evicts when the budget allows and consumes one disruption', async () => {
    createPod('web-1', { app: 'web' }, 'node-a');
    runningStatus('web-1');
    pdb(1);
    const result = await t.core.client.createSubresource(
      { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' },
      'eviction',
      {},
    );
    expect(result).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect(t.core.store.get('/pods', 'default', 'web-1')).toBeUndefined();
    const budget = t.core.store.get('policy/poddisruptionbudgets', 'default', 'web-pdb');
    expect((budget?.status as { disruptionsAllowed: number; disruptedPods: object }).disruptionsAllowed).toBe(
      0,
    );
    expect(Object.keys((budget?.status as { disruptedPods: object }).disruptedPods)).toEqual(['web-1']);
  });
});

describe('pods/binding', () => {
  it('places a pod on a node once, with the PodScheduled condition', async () => {
    createPod('job-1');
    const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'job-1' };
    await t.core.client.createSubresource(ref, 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'job-1' },
      target: { kind: 'Node', name: 'node-b' },
    });
    const pod = await t.core.client.get(ref);
    expect((pod.spec as { nodeName: string }).nodeName).toBe('node-b');
    expect((pod.status as { conditions: Array<{ type: string; status: string }> }).conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'True' }),
    );
    const again = await failure(() =>
      t.core.client.createSubresource(ref, 'binding', { target: { kind: 'Node', name: 'node-c' } }),
    );
    expect(again.code).toBe(409);
    expect(again.message).toBe(
      'Operation cannot be fulfilled on pods "job-1": pod job-1 is already assigned to node "node-b"',
    );
  });
});

describe('scale subresource', () => {
  it('shows and changes replicas of a Deployment through autoscaling/v1 Scale', async () => {
    const api = t.core.api;
    const kind = api.kind('apps', 'v1', 'deployments');
    api.create(
      kind,
      'default',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'c', image: 'nginx' }] },
          },
        },
      },
      t.args(),
    );
    const handler = api.subresource(kind, 'scale');
    const scale = handler?.get?.(kind, 'default', 'web', t.args().ctx);
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web' },
    });
    const patched = handler?.patch?.(
      kind,
      'default',
      'web',
      MERGE_PATCH,
      { spec: { replicas: 5 } },
      t.args(),
    );
    expect(patched?.spec).toEqual({ replicas: 5 });
    expect((api.get(kind, 'default', 'web').spec as { replicas: number }).replicas).toBe(5);
    const negative = await failure(() =>
      handler?.update?.(kind, 'default', 'web', { spec: { replicas: -1 } }, t.args()),
    );
    expect(negative.message).toBe(
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

describe('review kinds', () => {
  it('answer SubjectAccessReview and TokenReview from the real authorizer and authenticator', async () => {
    const client = t.core.client;
    const sar = await client.create({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: {
        user: 'nobody',
        groups: [],
        resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' },
      },
    });
    expect(sar.status).toEqual({ allowed: false });
    const token = t.core.tokens.add('alice', ['team-a']);
    const review = await client.create({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      metadata: {},
      spec: { token },
    });
    expect(review.status).toMatchObject({
      authenticated: true,
      user: { username: 'alice', groups: ['team-a', 'system:authenticated'] },
    });
    const bad = await client.create({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      metadata: {},
      spec: { token: 'nope' },
    });
    expect((bad.status as { authenticated?: boolean }).authenticated).toBeUndefined();
  });
});

describe('custom resource definitions', () => {
  it('serve their kind while they exist and take their objects with them', async () => {
    const client = t.core.client;
    await client.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'things.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'things', kind: 'Thing' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    await client.create({
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 'a', namespace: 'default' },
    });
    expect(t.core.registry.lookup('example.com', 'v1', 'things')?.namespaced).toBe(true);
    await client.delete({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'things.example.com',
    });
    await t.core.crdController.idle();
    expect(t.core.registry.lookup('example.com', 'v1', 'things')).toBeUndefined();
    expect(t.core.store.count('example.com/things')).toBe(0);
  });
});
