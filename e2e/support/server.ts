import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from './free-port.ts';
import { NODE_BIN, REPO_ROOT } from './paths.ts';
import { waitFor } from './wait.ts';

export interface ServerOptions {
  /** ATRIUM_ADMIN_PASSWORD: the password of the initial `admin` account. */
  adminPassword: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** How long to wait for /readyz. */
  readyTimeoutMs?: number;
}

export interface AtriumServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The fresh ATRIUM_DATA_DIR (SQLite file and secret key). */
  dataDir: string;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then waits for the process to exit; returns its exit code. Safe to call twice. */
  stop(): Promise<number | null>;
  /** Stops the server, keeps what it printed as `<logDir>/server.log` when asked, deletes its data directory. */
  dispose(logDir?: string): Promise<void>;
}

const SERVER_ENTRY = path.join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts');
const STOP_TIMEOUT_MS = 30_000;

/** Resolves once the process has exited and its output has been read to the end. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

/**
 * Starts the real server (`node packages/server/src/main.ts`) as a child process on a free port
 * with a fresh data directory, and resolves once /readyz answers 200. Another process may take
 * the free port between finding and binding it; then it tries again on another one.
 */
export async function startAtriumServer(options: ServerOptions): Promise<AtriumServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (attempt >= 3 || !/PORT.*already in use/.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(options: ServerOptions): Promise<AtriumServer> {
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const child = spawn(NODE_BIN, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ATRIUM_TLS_PORT: '0',
      HOST: '127.0.0.1',
      ATRIUM_DATA_DIR: dataDir,
      ATRIUM_ADMIN_PASSWORD: options.adminPassword,
      ATRIUM_DEMO: '0',
      LOG_LEVEL: 'info',
      ATRIUM_DATABASE_URL: '',
      ATRIUM_SECRET_KEY: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  // Should the test runner die first, take the server with it rather than leave it running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exit = exited(child);
  void exit.then(() => process.off('exit', killOnExit));
  let stopping: Promise<number | null> | null = null;

  const server: AtriumServer = {
    url,
    dataDir,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        try {
          return await exit;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
    async dispose(logDir) {
      await server.stop();
      if (logDir) {
        await mkdir(logDir, { recursive: true });
        await writeFile(path.join(logDir, 'server.log'), `${server.stdout()}\n${server.stderr()}`);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  let exitCode: number | null | undefined;
  void exit.then((code) => (exitCode = code));
  try {
    await waitFor(
      `${url}/readyz`,
      async () => {
        const response = await fetch(`${url}/readyz`);
        return response.status === 200 ? true : undefined;
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 90_000,
        intervalMs: 250,
        giveUp: () => (exitCode === undefined ? undefined : `the server exited with code ${exitCode}`),
      },
    );
  } catch (error) {
    await server.dispose();
    throw new Error(
      `Atrium did not become ready: ${(error as Error).message}\n--- stdout\n${server.stdout()}\n--- stderr\n${server.stderr()}`,
      { cause: error },
    );
  }
  return server;
}
