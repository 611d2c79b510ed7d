/**
 * Atrium's cluster cache: 3 kube-sim clusters (separate processes, HTTPS) with 10,000 pods each.
 * Measures the time until Atrium's pod caches of all three are full, the memory per cached
 * object (heap after GC, before and after), and the latency of listing pods by label across the
 * three clusters through Atrium's HTTP API (signed in, access-checked: as one request across
 * the clusters, and as one request per cluster) against the same lists asked of the three API
 * servers directly with client-node — printed as ratios. Atrium runs in
 * its own process, as the API servers do; this process only generates the load.
 *
 *   node_modules/.bin/node --expose-gc bench/cluster-cache/run.ts [--pods 10000] [--rounds 1000]
 *
 * Each side is warmed up with the same number of unmeasured rounds first: the numbers are a
 * running server's, not those of code the JIT has not compiled yet.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { MemorySample } from '../kube-sim/measure.ts';
import { millis, printTable, seconds, type Row } from '../kube-sim/report.ts';
import { startSimProcess, stopSimProcess, type SimProcess } from './clusters.ts';
import { closeClient, getJson, type JsonBody } from './http-client.ts';
import { measureRounds } from './latency.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '3' },
    pods: { type: 'string', default: '10000' },
    nodes: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1000' },
    'direct-rounds': { type: 'string', default: '200' },
    warmup: { type: 'string', default: '200' },
    selector: { type: 'string', default: 'app=checkout' },
    /** `token`: an `atr_` API token, as scripts and kubectl use; `session`: the console's access token. */
    auth: { type: 'string', default: 'token' },
    out: { type: 'string', default: join(import.meta.dirname, '../output') },
  },
});
const count = Number(values.clusters);
const pods = Number(values.pods);
const selector = values.selector;
const warmup = Number(values.warmup);
const PASSWORD = 'bench-Passw0rd1';

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
}

/** Atrium's heap after a full GC, measured in its own process. */
async function memoryOf(server: ChildProcess): Promise<MemorySample> {
  server.send({ type: 'memory' });
  const [message] = (await once(server, 'message')) as [{ memory: MemorySample }];
  return message.memory;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'atrium-cache-bench-'));
  const sims: SimProcess[] = [];
  const rows: Row[] = [];
  const results: Record<string, unknown> = { clusters: count, podsPerCluster: pods, selector };
  try {
    const seedStart = performance.now();
    sims.push(
      ...(await Promise.all(
        Array.from({ length: count }, (_, i) =>
          startSimProcess(`bench-${i + 1}`, join(dir, 'sims'), Number(values.nodes), pods),
        ),
      )),
    );
    rows.push([
      `start + seed ${count} clusters × ${pods} pods`,
      seconds(performance.now() - seedStart),
      'kube-sim processes',
    ]);

    const server = fork(join(import.meta.dirname, 'atrium-process.ts'), [join(dir, 'atrium'), PASSWORD], {
      execArgv: [
        '--expose-gc',
        ...(process.env.ATRIUM_BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ATRIUM_BENCH_PROFILE}`]
          : []),
      ],
    });
    const [listening] = (await once(server, 'message')) as [{ port: number }];
    const base = `http://127.0.0.1:${listening.port}`;
    try {
      const login = await json(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const session = { authorization: `Bearer ${login.body.accessToken}` };
      const minted = await json(`${base}/api/v1/me/tokens`, {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      });
      const auth = values.auth === 'session' ? session : { authorization: `Bearer ${minted.body.token}` };
      results.auth = values.auth;
      for (const sim of sims) {
        const registered = await json(`${base}/api/v1/clusters`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: sim.name, credential: sim.credential }),
        });
        if (registered.status !== 201)
          throw new Error(`registering ${sim.name}: ${JSON.stringify(registered.body)}`);
      }
      const podsUrl = (sim: SimProcess, query: string) =>
        `${base}/api/v1/clusters/${sim.name}/resources/core/v1/pods?${query}`;

      const before = await memoryOf(server);
      const fillStart = performance.now();
      const totals = await Promise.all(
        sims.map(async (sim) => {
          for (;;) {
            const page = await json(podsUrl(sim, 'limit=1'), { headers: auth });
            if (page.status === 200) return page.body.total as number;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }),
      );
      const fillMs = performance.now() - fillStart;
      const objects = totals.reduce((sum, n) => sum + n, 0);
      const after = await memoryOf(server);
      const perObject = ((after.heapUsedMiB - before.heapUsedMiB) * 2 ** 20) / objects;
      rows.push(
        [
          'time to a full cache (all clusters)',
          seconds(fillMs),
          `${objects.toLocaleString('en-US')} pods, pages of 500, watches started`,
        ],
        ['heap used before → after', `${before.heapUsedMiB} → ${after.heapUsedMiB} MiB`, 'after a full GC'],
        [
          'memory per cached object',
          `${(perObject / 1024).toFixed(2)} KiB`,
          'heap delta / objects (managedFields dropped)',
        ],
      );
      results.cache = { fillMs, objects, before, after, bytesPerObject: Math.round(perObject) };

      const floor = await measureRounds(
        sims.map(() => async () => ((await getJson(`${base}/healthz`, {})).status === 200 ? 0 : Number.NaN)),
        Number(values.rounds),
        warmup,
      );
      const query = `labelSelector=${encodeURIComponent(selector)}`;
      const perCluster = sims.map((sim) => async () => {
        const page = await getJson(podsUrl(sim, query), auth);
        if (page.status !== 200) throw new Error(JSON.stringify(page.body));
        return page.body.items.length as number;
      });
      const atrium = await measureRounds(perCluster, Number(values.rounds), warmup);
      // The same lists as one request: GET /api/v1/resources/… answers every cluster side by side.
      const acrossUrl = `${base}/api/v1/resources/core/v1/pods?${query}`;
      const acrossClusters = async () => {
        const answer = await getJson(acrossUrl, auth);
        const entries = answer.body.clusters as { items?: unknown[]; error?: unknown }[] | undefined;
        if (answer.status !== 200 || entries?.length !== count || entries.some((e) => e.error)) {
          throw new Error(JSON.stringify(answer.body).slice(0, 500));
        }
        return entries.reduce((sum, e) => sum + (e.items?.length ?? 0), 0);
      };
      const across = await measureRounds([acrossClusters], Number(values.rounds), warmup);

      const direct = sims.map((sim) => {
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromFile(sim.kubeconfigPath);
        const core = kubeConfig.makeApiClient(CoreV1Api);
        return async () => (await core.listPodForAllNamespaces({ labelSelector: selector })).items.length;
      });
      const apiServers = await measureRounds(direct, Number(values['direct-rounds']), warmup);
      const ratios = (atriumSide: { p50: number; p99: number }) =>
        `${(apiServers.p50 / atriumSide.p50).toFixed(1)}× / ${(apiServers.p99 / atriumSide.p99).toFixed(1)}×`;
      const token = values.auth === 'session' ? 'session' : 'API';
      rows.push(
        [
          `list pods ${selector}, ${count} clusters, one request: p50 / p99`,
          `${across.p50.toFixed(1)} / ${across.p99.toFixed(1)} ms`,
          `${across.items} pods, GET /api/v1/resources/…, ${token} token, access check`,
        ],
        [
          `same, one request per cluster at once: p50 / p99`,
          `${atrium.p50.toFixed(1)} / ${atrium.p99.toFixed(1)} ms`,
          `${atrium.items} pods, GET /api/v1/clusters/:cluster/resources/… × ${count}`,
        ],
        [
          `same lists from the API servers: p50 / p99`,
          `${apiServers.p50.toFixed(1)} / ${apiServers.p99.toFixed(1)} ms`,
          `${apiServers.items} pods, one list per API server at once, client-node over HTTPS`,
        ],
        [
          `Atrium HTTP floor: GET /healthz × ${count} at once`,
          `${floor.p50.toFixed(1)} / ${floor.p99.toFixed(1)} ms`,
          'p50 / p99, same client',
        ],
        ['Atrium faster by (p50 / p99), one request', ratios(across), 'goal ≥ 10×, Atrium p99 < 50 ms'],
        ['Atrium faster by (p50 / p99), per cluster', ratios(atrium), ''],
      );
      results.latency = {
        acrossClusters: across,
        perCluster: atrium,
        direct: apiServers,
        floor,
        ratioP50: apiServers.p50 / across.p50,
        ratioP99: apiServers.p99 / across.p99,
        perClusterRatioP50: apiServers.p50 / atrium.p50,
        perClusterRatioP99: apiServers.p99 / atrium.p99,
      };
    } finally {
      server.send({ type: 'stop' });
      await once(server, 'exit');
    }
    printTable(
      `Atrium cluster cache (${count} clusters × ${pods} pods)`,
      rows.map(([l, v, n]) => [l, v.replace(/^(\d+) ms$/, (m) => millis(Number.parseInt(m))), n ?? '']),
    );
    mkdirSync(values.out, { recursive: true });
    const path = join(values.out, `cluster-cache-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      path,
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`,
    );
    process.stdout.write(`\n${path}\n`);
  } finally {
    closeClient();
    await Promise.all(sims.map(stopSimProcess));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
