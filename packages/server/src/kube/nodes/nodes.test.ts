import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, loginAsAdmin } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually, startSim, type Cluster } from '../connections/testing/sim-clusters.ts';
import { QUICK_KUBE, registerCluster } from '../clusters/testing/cluster-app.ts';

const NS = 'shop';
const WORKER = 'ops-worker';

function pod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels, ...extra },
    spec: {
      nodeName: WORKER,
      terminationGracePeriodSeconds: 1,
      containers: [
        { name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '256Mi' } } },
      ],
    },
  };
}

describe('nodes', () => {
  let t: TestApp;
  let sim: Cluster;
  let admin: string;
  const url = (rest = '') => `/api/v1/clusters/ops/nodes${rest}`;
  const get = (path: string) => call(t.app, 'GET', path, { token: admin });
  const post = (path: string, body?: unknown) => call(t.app, 'POST', path, { token: admin, body });

  beforeAll(async () => {
    sim = await startSim('ops', { nodes: 3 });
    t = await createTestApp({ kube: QUICK_KUBE });
    admin = (await loginAsAdmin(t.app)).accessToken;
    await registerCluster(t.app, admin, 'ops', sim);
    await sim.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await sim.client.create(pod('web-1', { app: 'web' }));
    await sim.client.create(pod('web-2', { app: 'web' }));
  });
  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('lists nodes with roles, status, version and allocatable vs requested', async () => {
    const list = await get(url());
    expect(list.status).toBe(200);
    expect(list.json.items.map((n: { name: string }) => n.name)).toEqual([
      'ops-control-plane',
      'ops-worker',
      'ops-worker2',
    ]);
    const [controlPlane, worker] = list.json.items;
    expect(controlPlane).toMatchObject({ roles: ['control-plane'], status: 'Ready', schedulable: true });
    expect(controlPlane.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' },
    ]);
    expect(worker).toMatchObject({
      roles: [],
      version: expect.stringMatching(/^v1\./),
      allocatable: { cpu: 8, memory: 32 * 2 ** 30, pods: 110 },
    });
    expect(worker.requested.cpu).toBeGreaterThanOrEqual(0.5);
    expect(worker.requested.memory).toBeGreaterThanOrEqual(512 * 2 ** 20);
    expect(worker.requested.pods).toBeGreaterThanOrEqual(2);
  });

  it('shows usage where the cluster serves metrics.k8s.io', async () => {
    const metrics = await sim.client
      .list({ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'NodeMetrics' })
      .catch(() => null);
    const node = await eventually(
      async () => {
        const detail = await get(url(`/${WORKER}`));
        return (metrics === null || detail.json.summary.usage !== null) && detail.json;
      },
      15_000,
      'usage',
    );
    if (metrics === null) expect(node.summary.usage).toBeNull();
    else expect(node.summary.usage).toEqual({ cpu: expect.any(Number), memory: expect.any(Number) });
    expect(node.node.metadata.name).toBe(WORKER);
    expect(node.pods.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['web-1', 'web-2']),
    );
    expect(node.pods.find((p: { name: string }) => p.name === 'web-1').requests).toEqual({
      cpu: 0.25,
      memory: 256 * 2 ** 20,
    });
  });

  it('answers 404 for a node that does not exist and for a cluster that is not registered', async () => {
    expect((await get(url('/nope'))).json.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/api/v1/clusters/nope/nodes')).json.error).toMatchObject({
      code: 'CLUSTER_NOT_FOUND',
    });
  });

  it('cordons and uncordons, with an audit record in the cluster', async () => {
    const cordoned = await post(url('/ops-worker2/cordon'));
    expect([cordoned.status, cordoned.json.schedulable]).toEqual([200, false]);
    const node = await sim.client.get({ apiVersion: 'v1', kind: 'Node', name: 'ops-worker2' });
    expect((node.spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    const uncordoned = await post(url('/ops-worker2/uncordon'));
    expect(uncordoned.json.schedulable).toBe(true);
    const audit = await get('/api/v1/audit?action=nodes.cordon');
    expect(audit.json.items[0]).toMatchObject({
      targetType: 'node',
      targetId: 'ops-worker2',
      clusterId: 'ops',
      diff: { before: { unschedulable: false }, after: { unschedulable: true } },
    });
  });

  it('replaces taints, refusing a repeated key and effect', async () => {
    const taints = [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'example.com/maintenance', effect: 'NoExecute' },
    ];
    const set = await call(t.app, 'PUT', url('/ops-worker2/taints'), { token: admin, body: { taints } });
    expect(set.status).toBe(200);
    expect(set.json.taints).toEqual([taints[0], { ...taints[1], value: '' }]);
    const repeated = await call(t.app, 'PUT', url('/ops-worker2/taints'), {
      token: admin,
      body: { taints: [taints[0], { key: 'dedicated', value: 'other', effect: 'NoSchedule' }] },
    });
    expect([repeated.status, repeated.json.error.details.field]).toEqual([400, 'taints[1]']);
    const badEffect = await call(t.app, 'PUT', url('/ops-worker2/taints'), {
      token: admin,
      body: { taints: [{ key: 'x', effect: 'Sometimes' }] },
    });
    expect([badEffect.status, badEffect.json.error.details.field]).toEqual([400, 'taints[0].effect']);
    const cleared = await call(t.app, 'PUT', url('/ops-worker2/taints'), {
      token: admin,
      body: { taints: [] },
    });
    expect(cleared.json.taints).toEqual([]);
  });

  it('drains a node: evicts what it may, leaves DaemonSet pods, and reports the pod a budget protects', async () => {
    await sim.client.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'keep-db', namespace: NS },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } },
    });
    await sim.client.create(pod('db-0', { app: 'db' }));
    await sim.client.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: NS },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', image: 'busybox' }] },
        },
      },
    });
    const agentPod = await eventually(
      async () => {
        const pods = await sim.client.list(
          { apiVersion: 'v1', kind: 'Pod' },
          { namespace: NS, labelSelector: 'app=agent' },
        );
        return pods.items.find((p) => (p.spec as { nodeName?: string }).nodeName === WORKER)?.metadata.name;
      },
      30_000,
      "the DaemonSet's pod on the node",
    );
    // A budget protects running pods only: a pending one may always be evicted.
    await eventually(
      async () => {
        const db = await sim.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: NS, name: 'db-0' });
        return (db.status as { phase?: string }).phase === 'Running';
      },
      30_000,
      'db-0 running',
    );
    // Like kubectl drain: pods nothing would recreate stop the drain before anything changes.
    const blocked = await post(url(`/${WORKER}/drain`), { timeoutSeconds: 3 });
    expect([blocked.status, blocked.json.error.code, blocked.json.error.details.field]).toEqual([
      409,
      'DRAIN_BLOCKED',
      'force',
    ]);
    expect(blocked.json.error.message).toMatch(
      new RegExp(`^Node ${WORKER} was not drained\\. .*${NS}/db-0.*nothing would recreate them \\(set force`),
    );
    expect(blocked.json.error.details.pods).toContainEqual({ pod: `${NS}/web-1`, option: 'force' });
    expect((await get(url(`/${WORKER}`))).json.summary.schedulable).toBe(true);

    const started = await post(url(`/${WORKER}/drain`), { timeoutSeconds: 3, force: true });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ cluster: 'ops', node: WORKER, phase: 'Running' });
    const again = await post(url(`/${WORKER}/drain`), { force: true });
    expect([again.status, again.json.error.code]).toEqual([409, 'CONFLICT']);

    const done = await eventually(
      async () => {
        const status = await get(url(`/${WORKER}/drain`));
        return status.json.phase !== 'Running' && status.json;
      },
      30_000,
      'the drain to finish',
    );
    expect(done.id).toBe(started.json.id);
    expect(done.phase).toBe('Failed');
    expect(done.evicted).toEqual(expect.arrayContaining([`${NS}/web-1`, `${NS}/web-2`]));
    expect(done.failed).toEqual([
      { pod: `${NS}/db-0`, reason: expect.stringContaining('disruption budget') },
    ]);
    expect(done.skipped).toEqual([
      { pod: `${NS}/${agentPod}`, reason: expect.stringContaining('DaemonSet agent') },
    ]);
    expect(done.pending).toEqual([]);
    expect(done.message).toContain('1 pod(s) could not be evicted');

    expect(
      await sim.client.tryGet({ apiVersion: 'v1', kind: 'Pod', namespace: NS, name: 'web-1' }),
    ).toBeUndefined();
    expect(
      await sim.client.tryGet({ apiVersion: 'v1', kind: 'Pod', namespace: NS, name: 'db-0' }),
    ).toBeDefined();
    expect(
      await sim.client.tryGet({ apiVersion: 'v1', kind: 'Pod', namespace: NS, name: agentPod }),
    ).toBeDefined();
    const node = (await get(url(`/${WORKER}`))).json.summary;
    expect(node.schedulable).toBe(false);
    const audit = await get('/api/v1/audit?action=nodes.drain&outcome=success');
    expect(audit.json.items[0]).toMatchObject({ statusCode: 202, clusterId: 'ops', targetId: WORKER });
  }, 60_000);

  it('needs nodes:manage to change a node', async () => {
    const { createUser, grantRole, login } = await import('../../testing/http.ts');
    const id = await createUser(t.app, admin, 'node-viewer');
    await grantRole(t.app, admin, id, 'platform-viewer');
    const viewer = (await login(t.app, 'node-viewer', 'user-Passw0rd')).accessToken;
    expect((await call(t.app, 'GET', url(), { token: viewer })).status).toBe(200);
    const denied = await call(t.app, 'POST', url('/ops-worker2/cordon'), { token: viewer });
    expect([denied.status, denied.json.error.details.permission]).toEqual([403, 'nodes:manage']);
  });
});
