/** `kubectl get pods -A` with the real kubectl: wall time and the number of rows printed. */
import { spawn } from 'node:child_process';

export interface KubectlListResult {
  ms: number;
  rows: number;
  exitCode: number;
  stderr: string;
}

/** `home` is kubectl's HOME: an empty one makes the first run fetch discovery (cold). */
export function kubectlGetPods(kubeconfigPath: string, home: string): Promise<KubectlListResult> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['get', 'pods', '-A', '--no-headers'], {
      env: { ...process.env, KUBECONFIG: kubeconfigPath, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rows = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x0a) rows++;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ ms: performance.now() - start, rows, exitCode: code ?? 1, stderr: stderr.slice(0, 2000) });
    });
  });
}
