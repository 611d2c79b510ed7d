import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cluster } from '@atrium/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login } from '../../testing/http.ts';
import { WORKSPACE_LABEL } from '../access/workspace-namespaces.ts';
import { startDataPlaneApp, type DataPlaneTestApp } from '../cache/testing/data-plane-app.ts';
import { eventually } from '../cache/testing/eventually.ts';
import { CLOSE_AUTH_TIMEOUT, CLOSE_UNAUTHENTICATED } from './protocol.ts';
import { StreamClient, type StreamMessage } from './testing/stream-client.ts';

let env: DataPlaneTestApp;
let dev: Cluster;
let baseUrl: string;
let dir: string;
let aliceToken: string;

/** The real kubectl, straight at the cluster: the stream must see what any client does. */
function kubectl(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: path.join(dir, 'dev.kubeconfig'), HOME: dir } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const pod = (name: string, namespace = 'live') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: 'stream' } },
  spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
});

const summary = (events: StreamMessage[]) =>
  events.map((e) => `${e['event']} ${e['object'].metadata.namespace}/${e['object'].metadata.name}`);

beforeAll(async () => {
  env = await startDataPlaneApp([{ name: 'dev' }], {
    dataPlane: { stream: { authTimeoutMs: 1_000 } },
  });
  dev = env.clusters['dev']!;
  dir = await mkdtemp(path.join(tmpdir(), 'atrium-stream-'));
  await writeFile(path.join(dir, 'dev.kubeconfig'), dev.kubeconfig, { mode: 0o600 });
  await env.t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.t.app.server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${address.port}`;
  for (const [name, workspace] of [
    ['live', 'ws-live'],
    ['other', 'ws-other'],
  ] as const) {
    await dev.client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { [WORKSPACE_LABEL]: workspace } },
    });
  }
  const alice = await createUser(env.t.app, env.adminToken, 'alice');
  await grantRole(env.t.app, env.adminToken, alice, 'workspace-viewer', {
    scopeType: 'workspace',
    scopeId: 'ws-live',
  });
  aliceToken = (await login(env.t.app, 'alice', 'user-Passw0rd')).accessToken;
}, 60_000);
afterAll(async () => {
  await env.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the stream', () => {
  it('shows a pod created with kubectl, and after a reconnect replays exactly what was missed', async () => {
    const client = await StreamClient.open(baseUrl, env.adminToken);
    const sub = {
      id: 'pods',
      cluster: 'dev',
      group: 'core',
      version: 'v1',
      resource: 'pods',
      namespace: 'live',
    };
    expect((await client.subscribe(sub))['type']).toBe('subscribed');

    await kubectl(['apply', '-f', '-'], JSON.stringify(pod('first')));
    const added = await client.next((m) => m['type'] === 'event' && m['object'].metadata.name === 'first');
    expect(added['event']).toBe('ADDED');
    const lastSeen = client.events('pods').at(-1)!['resourceVersion'] as string;
    client.close();
    await client.waitClosed();

    await dev.client.create(pod('second'));
    await dev.client.create(pod('elsewhere', 'other'));
    await dev.client.delete(
      { apiVersion: 'v1', kind: 'Pod', namespace: 'live', name: 'first' },
      { gracePeriodSeconds: 0 },
    );
    // Let the kubelet settle (the second pod running, the first gone) so that the reference
    // watch below and the replay see the same history.
    await eventually(async () => {
      const pods = await dev.client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'live' });
      const items = (pods as { items: { metadata: { name: string }; status?: { phase?: string } }[] }).items;
      return (
        items.length === 1 && items[0]!.metadata.name === 'second' && items[0]!.status?.phase === 'Running'
      );
    });
    const missed = await fetchExpected(lastSeen);
    const again = await StreamClient.open(baseUrl, env.adminToken);
    expect((await again.subscribe({ ...sub, resourceVersion: lastSeen }))['type']).toBe('subscribed');
    const replayed = again.events('pods');
    expect(summary(replayed)).toEqual(missed);
    expect(summary(replayed)).toContain('ADDED live/second');
    expect(summary(replayed)).toContain('DELETED live/first');
    expect(summary(replayed).join()).not.toContain('other/');
    expect(replayed.map((e) => Number(e['resourceVersion']))).toEqual(
      [...replayed.map((e) => Number(e['resourceVersion']))].sort((a, b) => a - b),
    );
    again.close();
  });

  it('asks for a reload when the version it resumes from is no longer known', async () => {
    const client = await StreamClient.open(baseUrl, env.adminToken);
    const answer = await client.subscribe({
      id: 'old',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'pods',
      resourceVersion: '1',
    });
    expect(answer).toMatchObject({ type: 'resync', id: 'old' });
    // After reloading its list the client subscribes again under the same id, from now on.
    const again = await client.subscribe({
      id: 'old',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'pods',
    });
    expect(again).toMatchObject({ type: 'subscribed', id: 'old' });
    client.close();
  });

  it('filters by the caller’s namespaces, and a hidden namespace is not found', async () => {
    const client = await StreamClient.open(baseUrl, aliceToken);
    expect(
      (await client.subscribe({ id: 'all', cluster: 'dev', group: '', version: 'v1', resource: 'pods' }))[
        'type'
      ],
    ).toBe('subscribed');
    const hidden = await client.subscribe({
      id: 'hidden',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'other',
    });
    const missing = await client.subscribe({
      id: 'missing',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'nope',
    });
    expect(hidden).toMatchObject({
      type: 'error',
      code: 'NOT_FOUND',
      message: 'namespaces "other" not found',
    });
    expect(missing).toMatchObject({
      type: 'error',
      code: 'NOT_FOUND',
      message: 'namespaces "nope" not found',
    });
    const secrets = await client.subscribe({
      id: 'secrets',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'secrets',
      namespace: 'live',
    });
    expect(secrets).toMatchObject({
      type: 'error',
      code: 'FORBIDDEN',
      details: { permission: 'secrets:view' },
    });

    await dev.client.create(pod('hidden-pod', 'other'));
    await dev.client.create(pod('visible-pod', 'live'));
    await client.next((m) => m['type'] === 'event' && m['object'].metadata.name === 'visible-pod');
    expect(client.events('all').map((e) => e['object'].metadata.namespace)).not.toContain('other');
    client.close();
  });

  it('reports a label selector’s leavers as DELETED and joiners as ADDED', async () => {
    const client = await StreamClient.open(baseUrl, env.adminToken);
    await client.subscribe({
      id: 'web',
      cluster: 'dev',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      labelSelector: 'tier=web',
    });
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'flip', namespace: 'live', labels: { tier: 'db' } },
    };
    await dev.client.create(cm);
    await dev.client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'live', name: 'flip' },
      'merge',
      { metadata: { labels: { tier: 'web' } } },
    );
    await client.next((m) => m['id'] === 'web' && m['event'] === 'ADDED');
    await dev.client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'live', name: 'flip' },
      'merge',
      { metadata: { labels: { tier: 'db' } } },
    );
    await client.next((m) => m['id'] === 'web' && m['event'] === 'DELETED');
    expect(client.events('web').map((e) => e['event'])).toEqual(['ADDED', 'DELETED']);
    client.close();
  });

  it('refuses sockets that do not authenticate, or with a bad token', async () => {
    const silent = await StreamClient.open(baseUrl);
    expect((await silent.waitClosed()).code).toBe(CLOSE_AUTH_TIMEOUT);
    const bad = await StreamClient.open(baseUrl);
    bad.send({ type: 'auth', token: 'not-a-token' });
    expect((await bad.waitClosed()).code).toBe(CLOSE_UNAUTHENTICATED);
    const early = await StreamClient.open(baseUrl);
    early.send({ type: 'subscribe', id: 'x', cluster: 'dev', version: 'v1', resource: 'pods' });
    expect((await early.waitClosed()).code).toBe(CLOSE_UNAUTHENTICATED);
  });

  it('tells subscribers when their cluster becomes unreachable', async () => {
    const client = await StreamClient.open(baseUrl, env.adminToken);
    await client.subscribe({ id: 'ns', cluster: 'dev', group: '', version: 'v1', resource: 'namespaces' });
    await dev.faults.setUnreachable(true);
    try {
      const status = await client.next(
        (m) => m['type'] === 'cluster-status' && m['status'].phase === 'Unreachable',
      );
      expect(status['cluster']).toBe('dev');
    } finally {
      await dev.faults.setUnreachable(false);
    }
    await client.next((m) => m['type'] === 'cluster-status' && m['status'].phase === 'Ready');
    client.close();
  });
});

/** What a kubectl watch from `resourceVersion` reports for the namespace: the reference answer. */
async function fetchExpected(resourceVersion: string): Promise<string[]> {
  const response = await call(
    env.t.app,
    'GET',
    '/api/v1/clusters/dev/resources/core/v1/pods?namespace=live',
    {
      token: env.adminToken,
    },
  );
  expect(response.status).toBe(200);
  const watch = await kubectl([
    'get',
    '--raw',
    `/api/v1/namespaces/live/pods?watch=1&resourceVersion=${resourceVersion}&timeoutSeconds=1`,
  ]);
  return watch
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { type: string; object: { metadata: { namespace: string; name: string } } },
    )
    .filter((e) => e.type !== 'BOOKMARK')
    .map((e) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}`);
}
