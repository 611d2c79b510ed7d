import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';

const CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@atrium/kube-sim')), 'cli.ts');
const EXIT_WITH_PARENT = fileURLToPath(new URL('./exit-with-parent.ts', import.meta.url));
const STOP_GRACE_MS = 5_000;

export interface KubeSimProcessOptions {
  name: string;
  nodes: number;
  /** Kubeconfigs and the cluster CA live here, reused on restart. */
  outDir: string;
  seed: string;
  /** How long to wait for the cluster's "name url kubeconfig" line. */
  startTimeoutMs: number;
  log: FastifyBaseLogger;
}

export interface StartedSim {
  url: string;
  kubeconfigPath: string;
}

/** One kube-sim cluster in a child process (`kube-sim --names <name> …`), on a free port. */
export class KubeSimProcess {
  readonly name: string;
  readonly #options: KubeSimProcessOptions;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #stopping = false;

  constructor(options: KubeSimProcessOptions) {
    this.name = options.name;
    this.#options = options;
  }

  /** The child's process id while it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Spawns the child and resolves once it prints its URL; `onCrash` hears an unexpected exit. */
  start(onCrash: (description: string) => void): Promise<StartedSim> {
    const { name, nodes, outDir, seed, log } = this.#options;
    const args = [
      '--import',
      EXIT_WITH_PARENT,
      CLI,
      '--names',
      name,
      '--nodes',
      String(nodes),
      '--seed',
      seed,
      '--out',
      outDir,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) log.info({ cluster: name }, `kube-sim: ${line}`);
    });
    return new Promise((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => {
        reject(
          new Error(`kube-sim ${name} printed no address within ${this.#options.startTimeoutMs / 1000} s`),
        );
        child.kill('SIGKILL');
      }, this.#options.startTimeoutMs);
      child.stdout?.setEncoding('utf8').on('data', (text: string) => {
        buffered += text;
        const line = buffered.split('\n').find((l) => l.startsWith(`${name} `));
        if (!line) return;
        const [, url = '', kubeconfigPath = ''] = line.trim().split(/\s+/);
        clearTimeout(timer);
        resolve({ url, kubeconfigPath });
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const description = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`kube-sim ${name} ${description} before it was ready`));
        if (!this.#stopping) onCrash(description);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** SIGTERM, then SIGKILL if it does not go within a few seconds. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}
