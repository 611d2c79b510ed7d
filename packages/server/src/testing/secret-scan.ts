/**
 * Finds secrets in API responses. Known values (hashes, keys, tokens read from the database
 * or issued during a test) are matched in every encoding they could leak in; patterns catch
 * secret-shaped strings whatever their value.
 */

export interface KnownSecret {
  label: string;
  value: string;
}

export const SECRET_PATTERNS: readonly { label: string; pattern: RegExp }[] = [
  { label: 'argon2 password hash', pattern: /\$argon2(?:id|i|d)\$/ },
  { label: 'PEM private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { label: 'sealed secret (AES-GCM)', pattern: /\bv1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+/ },
];

/** A binary secret as hex, base64 and base64url, the forms code tends to print it in. */
export function binarySecret(label: string, bytes: Uint8Array): KnownSecret[] {
  const buffer = Buffer.from(bytes);
  return [
    { label: `${label} (hex)`, value: buffer.toString('hex') },
    { label: `${label} (base64)`, value: buffer.toString('base64').replace(/=+$/, '') },
    { label: `${label} (base64url)`, value: buffer.toString('base64url') },
  ];
}

/** Labels of every secret found in `text`; empty when it is clean. */
export function findSecrets(text: string, known: readonly KnownSecret[]): string[] {
  const found = new Set<string>();
  for (const { label, pattern } of SECRET_PATTERNS) if (pattern.test(text)) found.add(label);
  for (const { label, value } of known) {
    // Very short values would match by accident; nothing secret is that short.
    if (value.length >= 12 && text.includes(value)) found.add(label);
  }
  return [...found];
}
