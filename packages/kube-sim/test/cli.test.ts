/**
 * The kube-sim CLI contract, by running it: one `name url kubeconfig-path` line per cluster,
 * kubeconfigs with a context named after the cluster, running until SIGTERM/SIGINT, and the
 * --names, --port, --seed and --scale flags. (Argument parsing alone: src/cli.test.ts.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../src/testing/test-core.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const CLI = resolve(import.meta.dirname, '../src/cli.ts');

interface Running {
  process: ChildProcess;
  /** Sends a signal as a terminal does: to the whole process group (npx, its shell, kube-sim). */
  signal(name: NodeJS.Signals): void;
  out: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Running[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.process.exitCode === null && r.process.signalCode === null) {
      r.signal('SIGKILL');
      await r.exited;
    }
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-cli-'));
  dirs.push(dir);
  return dir;
}

/** Starts the CLI (`npx kube-sim …` or node on the entry point) with `out` as --out. */
async function start(command: 'npx' | 'node', args: string[]): Promise<Running> {
  const out = await tempDir();
  const [file, argv] =
    command === 'npx'
      ? ['npx', ['kube-sim', ...args, '--out', out]]
      : [process.execPath, [CLI, ...args, '--out', out]];
  // Its own process group, like a job in a shell: npm does not pass a signal sent to npx alone
  // on to the program it runs (its `sh -c` wrapper dies and kube-sim would live on).
  const child = spawn(file, argv, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const signal = (name: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const r = { process: child, signal, out, stdout: () => stdout, stderr: () => stderr, exited };
  running.push(r);
  return r;
}

async function lines(r: Running, count: number): Promise<string[]> {
  return eventually(
    () => {
      if (r.process.exitCode !== null) throw new Error(`kube-sim exited: ${r.stderr()}`);
      const all = r.stdout().split('\n').filter(Boolean);
      return all.length >= count ? all : undefined;
    },
    60_000,
    `${count} cluster line(s)`,
  );
}

/** kubectl with a given kubeconfig, a temp HOME and cache. */
async function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  const home = await tempDir();
  return new Promise((done, fail) => {
    const child = spawn('kubectl', ['--cache-dir', join(home, 'cache'), ...args], {
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? done(stdout) : fail(new Error(`kubectl ${args.join(' ')}: ${stderr}`)),
    );
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'));
  });
}

/** A port P with P+1 free too (both bound and released). */
async function twoFreePorts(): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | undefined>((done) => {
      const server = createServer();
      server.once('error', () => done(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : undefined;
        server.close(() => done(bound));
      });
    });
  for (;;) {
    const port = await listen(0);
    if (port !== undefined && port < 65535 && (await listen(port + 1)) !== undefined) return port;
  }
}

describe('the kube-sim CLI', () => {
  it('npx kube-sim --clusters 2 --nodes 3 prints one line per cluster and serves until SIGTERM', async () => {
    const sim = await start('npx', ['--clusters', '2', '--nodes', '3']);
    const printed = await lines(sim, 2);
    const ports: number[] = [];
    expect(printed).toHaveLength(2);
    for (const [i, line] of printed.entries()) {
      const name = `sim-${i + 1}`;
      const match = new RegExp(`^${name} https://127\\.0\\.0\\.1:(\\d+) (\\S+)$`).exec(line);
      expect(match, line).not.toBeNull();
      ports.push(Number(match?.[1]));
      const kubeconfig = match?.[2] ?? '';
      expect(kubeconfig).toBe(join(sim.out, `${name}.kubeconfig`));
      expect(existsSync(kubeconfig)).toBe(true);
      expect(await kubectl(kubeconfig, ['config', 'get-contexts', '-o', 'name'])).toBe(`${name}\n`);
      expect(await kubectl(kubeconfig, ['config', 'current-context'])).toBe(`${name}\n`);
      const nodes = (await kubectl(kubeconfig, ['get', 'nodes', '--no-headers']))
        .trim()
        .split('\n')
        .map((row) => row.split(/\s+/).slice(0, 2).join(' '));
      expect(nodes).toEqual([`${name}-control-plane Ready`, `${name}-worker Ready`, `${name}-worker2 Ready`]);
    }
    expect(ports[0]).not.toBe(ports[1]);
    // Still running and serving after all that.
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.process.exitCode).toBeNull();
    expect(await kubectl(join(sim.out, 'sim-2.kubeconfig'), ['get', 'ns', 'default', '-o', 'name'])).toBe(
      'namespace/default\n',
    );

    sim.signal('SIGTERM');
    await sim.exited;
    for (const port of ports) await eventually(() => refused(port), 30_000, `port ${port} closed`);
  }, 90_000);

  it('--names a,b --port P serves a on P and b on P+1; SIGINT stops it cleanly', async () => {
    const port = await twoFreePorts();
    const sim = await start('node', ['--names', 'a,b', '--port', String(port)]);
    expect(await lines(sim, 2)).toEqual([
      `a https://127.0.0.1:${port} ${join(sim.out, 'a.kubeconfig')}`,
      `b https://127.0.0.1:${port + 1} ${join(sim.out, 'b.kubeconfig')}`,
    ]);
    expect(await kubectl(join(sim.out, 'b.kubeconfig'), ['config', 'current-context'])).toBe('b\n');
    expect(await kubectl(join(sim.out, 'b.kubeconfig'), ['get', 'nodes', '-o', 'name'])).toBe(
      'node/b-control-plane\n',
    );
    sim.signal('SIGINT');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(sim.stdout().split('\n').filter(Boolean)).toHaveLength(2);
    expect(await refused(port)).toBe(true);
    expect(await refused(port + 1)).toBe(true);
  }, 90_000);

  it('--seed demo fills the cluster with the demo workloads', async () => {
    const sim = await start('node', ['--seed', 'demo', '--nodes', '3']);
    const [line] = await lines(sim, 1);
    expect(line).toMatch(/^sim-1 https:\/\/127\.0\.0\.1:\d+ \S+sim-1\.kubeconfig$/);
    const kubeconfig = join(sim.out, 'sim-1.kubeconfig');
    expect(await kubectl(kubeconfig, ['-n', 'shop', 'get', 'deployments', '-o', 'name'])).toBe(
      'deployment.apps/api\ndeployment.apps/checkout-worker\ndeployment.apps/web\n',
    );
    expect(await kubectl(kubeconfig, ['get', 'crd', '-o', 'name'])).toContain(
      'customresourcedefinition.apiextensions.k8s.io/backups.demo.atrium.dev',
    );
    sim.signal('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('--scale nodes=…,pods=… adds nodes and running pods and says so on stderr', async () => {
    const sim = await start('node', ['--scale', 'nodes=20,pods=50']);
    await lines(sim, 1);
    const report = await eventually(
      () =>
        /^kube-sim: sim-1: 20 nodes, 50 pods of \d+ deployments in \d+ namespaces in [\d.]+s$/m.exec(
          sim.stderr(),
        ) ?? undefined,
      60_000,
      'the scale report',
    );
    expect(report[0]).toMatch(/^kube-sim: sim-1: 20 nodes/);
    const kubeconfig = join(sim.out, 'sim-1.kubeconfig');
    expect((await kubectl(kubeconfig, ['get', 'nodes', '-o', 'name'])).trim().split('\n')).toHaveLength(20);
    const runningPods = await kubectl(kubeconfig, [
      'get',
      'pods',
      '-A',
      '--field-selector=status.phase=Running',
      '-o',
      'name',
    ]);
    expect(runningPods.trim().split('\n')).toHaveLength(50);
    sim.signal('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  }, 90_000);
});
