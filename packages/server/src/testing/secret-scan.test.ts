import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { binarySecret, findSecrets } from './secret-scan.ts';

describe('findSecrets', () => {
  it('finds argon2 hashes and sealed values by their shape', () => {
    expect(findSecrets('{"hash":"$argon2id$v=19$m=19456,t=2,p=1$abc$def"}', [])).toEqual([
      'argon2 password hash',
    ]);
    const sealed = `v1.${randomBytes(12).toString('base64url')}.${randomBytes(16).toString('base64url')}.abcdef`;
    expect(findSecrets(`{"value":"${sealed}"}`, [])).toEqual(['sealed secret (AES-GCM)']);
  });

  it('finds a known binary key in any common encoding', () => {
    const key = randomBytes(32);
    const known = binarySecret('signing key', key);
    expect(findSecrets(`x${key.toString('hex')}x`, known)).toEqual(['signing key (hex)']);
    expect(findSecrets(key.toString('base64url'), known)).toContain('signing key (base64url)');
  });

  it('is quiet on clean text', () => {
    expect(findSecrets('{"username":"admin","status":"active"}', binarySecret('k', randomBytes(32)))).toEqual(
      [],
    );
  });
});
