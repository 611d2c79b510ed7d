import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(env: Record<string, string>): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, exit };
}

/** Status of a GET over TLS, trusting only `ca` (as a kubeconfig's certificate-authority-data does). */
function httpsStatus(url: string, ca: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (response) => resolve(response.resume().statusCode)).on('error', reject);
  });
}

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => pattern.test(l));
      if (line) resolve(line);
    });
    child.on('close', () => reject(new Error(`exited before printing ${pattern}: ${buffered}`)));
  });
}

describe('node packages/server/src/main.ts', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-main-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    [{ PORT: 'abc' }, 'atrium: PORT: "abc" is not a port number (0-65535)'],
    [{ ATRIUM_DATABASE_URL: 'postgres://db/atrium' }, 'atrium: ATRIUM_SECRET_KEY: is required with postgres'],
    [
      { ATRIUM_DATABASE_URL: 'postgres://u:pw@127.0.0.1:1/x', ATRIUM_SECRET_KEY: 'a'.repeat(64) },
      'atrium: ATRIUM_DATABASE_URL: cannot reach postgres://u:***@127.0.0.1:1/x',
    ],
  ])('exits 1 with one line naming the variable for %j', async (env, expected) => {
    const { exit } = run({ ATRIUM_DATA_DIR: dataDir, ...env });
    const result = await exit;
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(expected)).toBe(true);
    expect(result.stderr).not.toContain('pw@');
  });

  it('starts, serves, and shuts down cleanly on Ctrl-C', async () => {
    const { child, exit } = run({
      ATRIUM_DATA_DIR: dataDir,
      PORT: '0',
      ATRIUM_TLS_PORT: '0',
      ATRIUM_ADMIN_PASSWORD: 'main-Passw0rd',
    });
    const listening = JSON.parse(await lineMatching(child, /Atrium is listening/)) as {
      url: string;
      tlsUrl: string;
    };
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200);
    // The same app over TLS, with a certificate from the CA Atrium keeps in its data directory.
    const ca = await readFile(path.join(dataDir, 'tls', 'ca.crt'), 'utf8');
    expect(await httpsStatus(`${listening.tlsUrl}/healthz`, ca)).toBe(200);
    const login = await fetch(`${listening.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'main-Passw0rd' }),
    });
    expect(login.status).toBe(200);
    child.kill('SIGINT');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"msg":"stopped"');
    expect(result.stdout).not.toContain('main-Passw0rd');
  });
});
