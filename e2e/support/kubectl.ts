import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The real kubectl on the machine, against one kubeconfig: what a user outside Atrium runs. */
export async function kubectlFor(kubeconfig: string, dir: string) {
  const file = path.join(dir, 'kubeconfig.yaml');
  await writeFile(file, kubeconfig, { mode: 0o600 });
  return async (...args: string[]): Promise<string> => {
    const { stdout } = await run('kubectl', ['--kubeconfig', file, ...args], { timeout: 60_000 });
    return stdout;
  };
}
