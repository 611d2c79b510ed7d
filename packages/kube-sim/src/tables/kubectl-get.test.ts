/**
 * The real kubectl renders the tables: a throwaway server answers discovery and returns
 * toTable() output for list requests (kubectl asks `Accept: application/json;as=Table;…`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { toTable } from './table.ts';

const run = promisify(execFile);
// kubectl is part of the test environment (.ci/run checks it): a missing one fails, it never skips.
const kubectlPath = 'kubectl';
const now = new Date();
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

const pods: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', creationTimestamp: ago(300) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-a' },
    status: {
      phase: 'Running',
      podIPs: [{ ip: '10.244.0.7' }],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          restartCount: 2,
          state: { running: {} },
          lastState: { terminated: { exitCode: 1, finishedAt: ago(65) } },
        },
      ],
    },
  },
];

const resources = [
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'] },
  { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'] },
];

function respond(path: string, accept: string): unknown {
  if (path === '/version') return { major: '1', minor: '33', gitVersion: 'v1.33.0-sim' };
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'] };
  if (path === '/apis') return { kind: 'APIGroupList', groups: [] };
  if (path === '/api/v1') return { kind: 'APIResourceList', groupVersion: 'v1', resources };
  if (path === '/api/v1/namespaces/default/pods' && accept.includes('as=Table')) {
    return toTable({ group: '', kind: 'Pod' }, pods, { now: new Date() });
  }
  return undefined;
}

describe('kubectl get renders the tables', () => {
  let server: Server;
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = respond(new URL(req.url ?? '/', 'http://x').pathname, String(req.headers.accept ?? ''));
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'kubectl-get-'));
    const port = (server.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'config'),
      `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: s, context: {cluster: s, user: u, namespace: default}}]\ncurrent-context: s\n`,
    );
  });

  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = async (...args: string[]) =>
    (
      await run(kubectlPath, ['get', ...args, '--cache-dir', join(dir, 'cache')], {
        env: { ...process.env, KUBECONFIG: join(dir, 'config') },
      })
    ).stdout;

  it('prints the default columns', async () => {
    const out = await get('pods');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(out.split('\n')[1]).toMatch(/^web-1\s+1\/1\s+Running\s+2 \(65s ago\)\s+5m$/);
  });

  it('prints the wide columns with -o wide', async () => {
    const out = await get('pods', '-o', 'wide');
    expect(out.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(out.split('\n')[1]).toMatch(/10\.244\.0\.7\s+node-a\s+<none>\s+<none>$/);
  });
});
