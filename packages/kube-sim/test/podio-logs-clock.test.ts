/** pods/log on a cluster whose clock the test drives: follow, since*, limitBytes, timestamps. */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster/start-cluster.ts';
import { TestClock } from '../src/cluster/test-clock.ts';
import { nodeSimulation } from '../src/nodes/node-side-extension.ts';
import { eventually } from '../src/testing/test-core.ts';
import { raw } from './support/raw-http.ts';

let cluster: Cluster;
const clock = new TestClock('2025-03-01T12:00:00Z');
const LOG = '/api/v1/namespaces/default/pods/api/log';

async function advance(ms: number, step = 500): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    clock.advance(Math.min(step, ms - done));
    await nodeSimulation(cluster.core)?.settle();
  }
}

beforeAll(async () => {
  cluster = await startCluster({ name: 'log-clock', nodes: 2, clock });
  await cluster.client.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api', namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'acme/billing:1.4' }] },
  });
  // Bound at 12:00:00.5 (the first step), sandbox 0.5 s, pull 1 s: the container starts at
  // 12:00:02 and writes its banner, then one line every 2 s. The clock ends at 12:00:23.
  await advance(3000);
  await advance(20_000, 2000);
});
afterAll(() => cluster.stop());

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

describe('pods/log on cluster time', () => {
  it('filters by sinceSeconds and sinceTime, caps bytes, prints timestamps', async () => {
    const all = lines((await raw(cluster, { path: LOG })).text);
    expect(all.length).toBe(3 + 10);
    const recent = lines((await raw(cluster, { path: `${LOG}?sinceSeconds=5` })).text);
    expect(recent).toEqual(all.slice(-3)); // written at :18, :20 and :22
    const since = lines(
      (await raw(cluster, { path: `${LOG}?sinceTime=2025-03-01T12:00:19Z&timestamps=true` })).text,
    );
    expect(since.map((l) => l.slice(0, 20))).toEqual(['2025-03-01T12:00:20.', '2025-03-01T12:00:22.']);
    const capped = await raw(cluster, { path: `${LOG}?limitBytes=10` });
    expect(capped.text).toBe((all[0] ?? '').slice(0, 10));
  });

  it('follows: a line arrives when the clock reaches it, and the stream ends with the container', async () => {
    let received = '';
    let ended = false;
    const url = new URL(`${LOG}?follow=true&tailLines=0`, cluster.url);
    const req = request(
      url,
      { headers: { Authorization: `Bearer ${cluster.adminToken}` }, ca: cluster.caPem },
      (res) => {
        res.on('data', (chunk: Buffer) => (received += chunk.toString()));
        res.on('end', () => (ended = true));
      },
    );
    req.end();
    await eventually(() => req.reusedSocket !== undefined || req.writableFinished, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toBe('');
    await advance(2000);
    await eventually(() => lines(received).length === 1, 5000, 'one new line');
    await advance(4000);
    await eventually(() => lines(received).length === 3, 5000, 'two more lines');
    await cluster.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'api' });
    await advance(2000);
    await eventually(() => ended, 5000, 'the stream to end with the container');
  });
});
