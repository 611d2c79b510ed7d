import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import { ConfigError } from '../../core/config/config-error.ts';
import { SECRET_KEY_VARIABLE } from '../../core/config/secret-key.ts';
import { SecretBoxError, type SecretBox } from '../../core/crypto/secret-box.ts';
import type { Executor } from '../../core/db/schema.ts';
import type { SettingsStore } from '../../core/settings/store.ts';

const SETTING = 'auth.jwt-signing-key';

/**
 * The installation's JWT signing key: generated on first start, stored in `settings` sealed
 * under the secret key, shared by every replica.
 */
export async function loadSigningKey(
  db: Executor,
  settings: SettingsStore,
  box: SecretBox,
  clock: Clock,
): Promise<Uint8Array> {
  const candidate = box.seal(randomBytes(32), SETTING);
  const sealed = await settings.getOrInsert(db, SETTING, candidate, clock.now());
  try {
    return new Uint8Array(box.open(sealed, SETTING));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new ConfigError(
      SECRET_KEY_VARIABLE,
      'does not match the key this database was set up with (cannot decrypt the JWT signing key)',
    );
  }
}
