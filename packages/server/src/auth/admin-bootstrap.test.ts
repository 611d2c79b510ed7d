import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config/config.ts';
import { call, login } from '../testing/http.ts';

describe('the initial administrator', () => {
  let dataDir: string;
  const logs: string[] = [];
  const announced: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-boot-'));
    logs.length = 0;
    announced.length = 0;
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string> = {}) =>
    buildApp({
      config: loadConfig({ ATRIUM_DATA_DIR: dataDir, ...env }),
      logStream,
      consoleDir: dataDir,
      passwordHashing: { memoryCost: 4096, timeCost: 1 },
      announce: (text) => announced.push(text),
    });

  it('gets a generated password, shown once in a banner and never logged', async () => {
    const first = await start();
    expect(announced).toHaveLength(1);
    const password = /password: (\S+)/.exec(announced[0] ?? '')?.[1] ?? '';
    expect(announced[0]).toContain('username: admin');
    expect(password).toMatch(/^(?=.*\p{L})(?=.*\d).{8,}$/u);
    const session = await login(first, 'admin', password);
    const me = await call(first, 'GET', '/api/v1/me', { token: session.accessToken });
    expect(me.json.permissions.platform).toContain('users:delete');
    await first.close();

    const second = await start();
    expect(announced).toHaveLength(1);
    await login(second, 'admin', password);
    await second.close();
    expect(logs.join('')).not.toContain(password);
  });

  it('takes ATRIUM_ADMIN_PASSWORD when given, and announces nothing', async () => {
    const app = await start({ ATRIUM_ADMIN_PASSWORD: 'from-env-Passw0rd' });
    try {
      expect(announced).toEqual([]);
      await login(app, 'admin', 'from-env-Passw0rd');
    } finally {
      await app.close();
    }
  });

  it('refuses to start when the secret key does not match the database', async () => {
    const app = await start();
    await app.close();
    await rm(path.join(dataDir, 'secret.key'));
    await expect(start()).rejects.toThrow(/does not match the key this database was set up with/);
  });
});
