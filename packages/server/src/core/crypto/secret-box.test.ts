import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed', () => {
    const sealed = box.seal('kubeconfig contents', 'cluster-credential');
    expect(sealed).not.toContain('kubeconfig');
    expect(box.openText(sealed, 'cluster-credential')).toBe('kubeconfig contents');
  });

  it('uses a fresh nonce each time', () => {
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  it('refuses another key, another purpose and tampered data', () => {
    const sealed = box.seal('secret', 'jwt');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'jwt')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'other')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'jwt')).toThrow(SecretBoxError);
    expect(() => box.open('garbage', 'jwt')).toThrow(SecretBoxError);
  });

  it('insists on a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
