/**
 * Runs the machine's real kubectl against a kube-sim cluster: a temporary KUBECONFIG and HOME
 * (so kubectl's discovery cache never mixes clusters), stdout/stderr/exit code returned.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster, type ClusterOptions } from '../../src/cluster/start-cluster.ts';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubectlSession {
  cluster: Cluster;
  dir: string;
  /** Runs kubectl with the admin kubeconfig (or `kubeconfig` when given). */
  run(
    args: string[],
    options?: { input?: string; kubeconfig?: string; timeoutMs?: number; env?: Record<string, string> },
  ): Promise<KubectlResult>;
  /** Starts a long-running kubectl (get -w) and collects its output. */
  spawn(args: string[]): { process: ChildProcess; output: () => string };
  /** Writes a kubeconfig for other credentials and returns its path. */
  writeKubeconfig(name: string, yaml: string): Promise<string>;
  close(): Promise<void>;
}

export async function startKubectlSession(options: ClusterOptions = {}): Promise<KubectlSession> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-'));
  const cluster = await startCluster({ name: 'kubectl-test', outDir: join(dir, 'out'), ...options });
  const adminConfig = cluster.kubeconfigPath ?? '';
  const env = (kubeconfig: string): NodeJS.ProcessEnv => ({
    ...process.env,
    KUBECONFIG: kubeconfig,
    HOME: dir,
  });
  const children = new Set<ChildProcess>();
  return {
    cluster,
    dir,
    run: (args, runOptions = {}) =>
      new Promise((resolve) => {
        const child = execFile(
          'kubectl',
          args,
          {
            env: { ...env(runOptions.kubeconfig ?? adminConfig), ...runOptions.env },
            timeout: runOptions.timeoutMs ?? 60_000,
            maxBuffer: 64 * 1024 * 1024,
          },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
            resolve({ stdout, stderr, code });
          },
        );
        if (runOptions.input !== undefined) child.stdin?.end(runOptions.input);
      }),
    spawn: (args) => {
      const child = spawn('kubectl', args, { env: env(adminConfig), stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', () => children.delete(child));
      return { process: child, output: () => output };
    },
    writeKubeconfig: async (name, yaml) => {
      const path = join(dir, `${name}.kubeconfig`);
      await writeFile(path, yaml, { mode: 0o600 });
      return path;
    },
    close: async () => {
      for (const child of children) child.kill();
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
