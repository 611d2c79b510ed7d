import { createPrivateKey, X509Certificate } from 'node:crypto';
import { validationFailed } from '../../core/errors/errors.ts';

/** PEM as pasted, or the base64 of it as kubeconfigs carry it (`*-data` fields). */
function asPem(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('-----BEGIN')) return `${trimmed}\n`;
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN')) return `${decoded.trim()}\n`;
  }
  return trimmed;
}

/** One or more PEM certificates (a CA bundle or a client certificate chain). */
export function certificatePem(value: string, field: string): string {
  const pem = asPem(value);
  try {
    new X509Certificate(pem);
  } catch {
    throw validationFailed(field, `${field} is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

export function privateKeyPem(value: string, field: string): string {
  const pem = asPem(value);
  try {
    createPrivateKey(pem);
  } catch {
    throw validationFailed(field, `${field} is not a PEM private key (-----BEGIN … PRIVATE KEY-----)`);
  }
  return pem;
}

/** An https:// API server URL without a trailing slash. */
export function serverUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw validationFailed(field, `${field} is not a URL (expected https://host:port)`);
  }
  if (url.protocol !== 'https:') {
    throw validationFailed(
      field,
      `${field} must be an https:// URL: Atrium does not send credentials in clear`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw validationFailed(field, `${field} must not carry credentials, a query or a fragment`);
  }
  return url.toString().replace(/\/+$/, '');
}
