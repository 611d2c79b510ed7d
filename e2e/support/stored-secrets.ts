import { createDecipheriv } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { binarySecret, type KnownSecret } from '@atrium/server/testing/secret-scan';

/**
 * Opens a value sealed by the server's SecretBox (`v1.<iv>.<tag>.<ciphertext>`, AES-256-GCM with
 * the purpose as additional data; packages/server/src/core/crypto/secret-box.ts). Null when the
 * value is not sealed or does not open under this key and purpose.
 */
function openSealed(key: Buffer, sealed: string, purpose: string): Buffer | null {
  const [version, iv, tag, body, ...rest] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined || rest.length) {
    return null;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  } catch {
    return null;
  }
}

/** The embedded-mode secret key, `<dataDir>/secret.key` (base64 or hex of 32 bytes). */
export async function readSecretKey(dataDir: string): Promise<Buffer> {
  const text = (await readFile(path.join(dataDir, 'secret.key'), 'utf8')).trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${dataDir}/secret.key does not hold a 32-byte key`);
  return key;
}

/**
 * Every secret the server keeps in its SQLite file, read the way
 * packages/server/src/testing/stored-secrets.ts reads them from a running app: password hashes,
 * refresh-token and API-token hashes, sealed settings (the JWT signing key among them) both
 * sealed and opened, and the secret key itself.
 */
export async function readStoredSecrets(dataDir: string): Promise<KnownSecret[]> {
  const secretKey = await readSecretKey(dataDir);
  const db = new DatabaseSync(path.join(dataDir, 'atrium.db'), { readOnly: true });
  const secrets: KnownSecret[] = [];
  try {
    const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
    for (const row of rows<{ username: string; password_hash: string }>(
      'select username, password_hash from users',
    )) {
      secrets.push({ label: `password hash of ${row.username}`, value: row.password_hash });
    }
    for (const row of rows<{ token_hash: string }>('select token_hash from refresh_sessions')) {
      secrets.push({ label: 'refresh-token hash', value: row.token_hash });
    }
    for (const row of rows<{ token_hash: string }>('select token_hash from api_tokens')) {
      secrets.push({ label: 'API-token hash', value: row.token_hash });
    }
    for (const row of rows<{ name: string; value: string }>('select name, value from settings')) {
      secrets.push({ label: `sealed setting ${row.name}`, value: row.value });
      const opened = openSealed(secretKey, row.value, row.name);
      if (opened) secrets.push(...binarySecret(`setting ${row.name}`, opened));
    }
  } finally {
    db.close();
  }
  secrets.push(...binarySecret('secret key', secretKey));
  return secrets;
}
