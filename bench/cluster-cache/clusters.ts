/** Three kube-sim clusters, each in its own process (as separate API servers are), seeded at scale. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface SimProcess {
  name: string;
  url: string;
  kubeconfigPath: string;
  /** What Atrium's registry stores: server, CA and token. */
  credential: { type: 'token'; server: string; token: string; caData: string };
  process: ChildProcess;
}

const NODE = join(import.meta.dirname, '../../node_modules/.bin/node');
const CLI = join(import.meta.dirname, '../../packages/kube-sim/src/cli.ts');

/** Starts `kube-sim --names <name> --scale nodes=…,pods=…` and resolves once it is seeded. */
export async function startSimProcess(
  name: string,
  outDir: string,
  nodes: number,
  pods: number,
): Promise<SimProcess> {
  const child = spawn(
    NODE,
    [CLI, '--names', name, '--nodes', '3', '--scale', `nodes=${nodes},pods=${pods}`, '--out', outDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`kube-sim: ${name}: `)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`kube-sim ${name} exited with ${code}: ${stderr}`)));
  });
  const [, url = '', kubeconfigPath = ''] = stdout.trim().split(/\s+/);
  const config = parse(await readFile(kubeconfigPath, 'utf8'));
  return {
    name,
    url,
    kubeconfigPath,
    process: child,
    credential: {
      type: 'token',
      server: config.clusters[0].cluster.server,
      token: config.users[0].user.token,
      caData: Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(
        'utf8',
      ),
    },
  };
}

export async function stopSimProcess(sim: SimProcess): Promise<void> {
  const exited = new Promise((resolve) => sim.process.once('exit', resolve));
  sim.process.kill('SIGTERM');
  await exited;
}
