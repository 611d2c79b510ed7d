import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { loadOrCreateSecretKeyFile } from './secret-key.ts';

describe('loadOrCreateSecretKeyFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atrium-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a private 32-byte key once and reuses it', async () => {
    const first = await loadOrCreateSecretKeyFile(dir);
    const second = await loadOrCreateSecretKeyFile(dir);
    expect(first.length).toBe(32);
    expect(second.equals(first)).toBe(true);
    const file = path.join(dir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('base64'));
  });

  it('two racing starts agree on one key', async () => {
    const [a, b] = await Promise.all([loadOrCreateSecretKeyFile(dir), loadOrCreateSecretKeyFile(dir)]);
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a corrupt key file instead of silently replacing it', async () => {
    await writeFile(path.join(dir, 'secret.key'), 'not a key');
    await expect(loadOrCreateSecretKeyFile(dir)).rejects.toBeInstanceOf(ConfigError);
  });
});
