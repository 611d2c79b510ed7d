import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config-error.ts';

export const SECRET_KEY_VARIABLE = 'ATRIUM_SECRET_KEY';

/** Accepts 64 hex characters or base64/base64url of exactly 32 bytes; null if neither. */
export function decodeSecretKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

async function readKeyFile(file: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = decodeSecretKey(text);
  if (!key) {
    throw new ConfigError(
      SECRET_KEY_VARIABLE,
      `${file} does not hold a 32-byte key (base64 or 64 hex chars)`,
    );
  }
  return key;
}

/**
 * Embedded mode keeps the key in `<dataDir>/secret.key` (mode 0600), made on first start and
 * reused afterwards. `wx` makes two processes racing on first start agree on one key.
 */
export async function loadOrCreateSecretKeyFile(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'secret.key');
  const existing = await readKeyFile(file);
  if (existing) return existing;
  const key = randomBytes(32);
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeyFile(file);
    if (!winner) throw new ConfigError(SECRET_KEY_VARIABLE, `${file} vanished while being created`);
    return winner;
  }
}
