import type { FastifyInstance } from 'fastify';
import { binarySecret, type KnownSecret } from './secret-scan.ts';

/** Every secret the database holds for this app: hashes, sealed settings and the keys behind them. */
export async function storedSecrets(app: FastifyInstance, secretKey?: Uint8Array): Promise<KnownSecret[]> {
  const { db, secretBox } = app.atrium;
  const secrets: KnownSecret[] = [];
  for (const row of await db.selectFrom('users').select(['username', 'password_hash']).execute()) {
    secrets.push({ label: `password hash of ${row.username}`, value: row.password_hash });
  }
  for (const row of await db.selectFrom('refresh_sessions').select('token_hash').execute()) {
    secrets.push({ label: 'refresh-token hash', value: row.token_hash });
  }
  for (const row of await db.selectFrom('api_tokens').select('token_hash').execute()) {
    secrets.push({ label: 'API-token hash', value: row.token_hash });
  }
  for (const row of await db.selectFrom('settings').select(['name', 'value']).execute()) {
    secrets.push({ label: `sealed setting ${row.name}`, value: row.value });
    try {
      secrets.push(...binarySecret(`setting ${row.name}`, secretBox.open(row.value, row.name)));
    } catch {
      // Not every setting is sealed.
    }
  }
  if (secretKey) secrets.push(...binarySecret('secret key', secretKey));
  return secrets;
}
