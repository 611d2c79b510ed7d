/** Test helpers: a container with a fixed clock, and exec calls that capture their output. */
import { execInContainer, type ContainerContext } from '../exec/exec-in-container.ts';
import type { ContainerFs } from '../fs/container-fs.ts';
import { defaultContainerEnv } from '../image/container-env.ts';
import { createContainerFs } from '../image/create-container-fs.ts';
import type { ProcessInfo } from '../shell/system.ts';

export const START = new Date('2024-05-01T10:00:00Z');

export interface TestContainer {
  fs: ContainerFs;
  ctx: ContainerContext;
  clock: { now: Date };
}

export function testContainer(
  image = 'nginx:1.27',
  overrides: Partial<ContainerContext> = {},
): TestContainer {
  const clock = { now: new Date(START.getTime() + 90_000) };
  const hostname = 'web-7d4b9c-x2x4k';
  const fs = createContainerFs({
    image,
    containerName: 'app',
    podName: hostname,
    namespace: 'shop',
    now: () => clock.now,
    podIP: '10.244.1.17',
  });
  // The tree was "created" at START; later writes use the advancing clock.
  const processes: ProcessInfo[] = [
    {
      pid: 1,
      command: image.includes('nginx') ? 'nginx: master process nginx -g daemon off;' : 'sleep 3600',
      startedAt: START,
    },
  ];
  const ctx: ContainerContext = {
    fs,
    env: defaultContainerEnv({ image, hostname }),
    hostname,
    workingDir: '/',
    processes: () => processes,
    now: () => clock.now,
    ...overrides,
  };
  return { fs, ctx, clock };
}

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  stdoutBytes: Uint8Array;
  exitCode: number;
  message?: string;
}

function chunks(input: readonly (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (const part of input) {
      // A real client's keystrokes arrive in separate messages.
      await new Promise<void>((resolve) => setImmediate(resolve));
      yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
    }
  })();
}

export async function exec(
  container: TestContainer,
  argv: string[],
  options: { stdin?: readonly (string | Uint8Array)[]; tty?: boolean; cols?: number } = {},
): Promise<ExecOutcome> {
  const out: Uint8Array[] = [];
  let stderr = '';
  const toBytes = (c: Uint8Array | string) => (typeof c === 'string' ? new TextEncoder().encode(c) : c);
  const result = await execInContainer(argv, container.ctx, {
    stdin: options.stdin ? chunks(options.stdin) : null,
    stdout: (c) => out.push(toBytes(c)),
    stderr: (c) => (stderr += typeof c === 'string' ? c : new TextDecoder().decode(c)),
    tty: options.tty ?? false,
    ...(options.cols ? { terminalSize: () => ({ cols: options.cols as number, rows: 24 }) } : {}),
  });
  const stdoutBytes = Buffer.concat(out);
  return {
    stdout: new TextDecoder().decode(stdoutBytes),
    stderr,
    stdoutBytes: new Uint8Array(stdoutBytes),
    ...result,
  };
}

/** Runs a script with `sh -c`. */
export function sh(
  container: TestContainer,
  script: string,
  stdin?: readonly (string | Uint8Array)[],
): Promise<ExecOutcome> {
  return exec(container, ['sh', '-c', script], stdin ? { stdin } : {});
}
