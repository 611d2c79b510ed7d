/**
 * Atrium's own certificate authority for the embedded default: kubectl sends its token only over
 * TLS, so `npm start` serves HTTPS too, with a serving certificate from a CA kept in the data
 * directory. Downloaded kubeconfigs carry the CA, so kubectl verifies Atrium without any flag.
 * Deployments behind an ingress, or with ATRIUM_TLS_CERT_FILE/KEY_FILE, never use it.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs a Reflect polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
}

function serialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** Valid from an hour ago (clock skew between Atrium and the user's machine) for `days`. */
function validFor(days: number, now: number): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + days * DAY_MS) };
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, true, ['sign']);
}

export class LocalCertificateAuthority {
  readonly caPem: string;
  readonly #cert: x509.X509Certificate;
  readonly #key: webcrypto.CryptoKey;

  private constructor(cert: x509.X509Certificate, key: webcrypto.CryptoKey) {
    this.#cert = cert;
    this.#key = key;
    this.caPem = cert.toString('pem');
  }

  /** `<dir>/ca.crt` + `<dir>/ca.key` (0600) when present and valid for another month, else a new CA. */
  static async loadOrCreate(dir: string): Promise<LocalCertificateAuthority> {
    const certFile = path.join(dir, 'ca.crt');
    const keyFile = path.join(dir, 'ca.key');
    const existing = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]).catch(
      () => null,
    );
    if (existing) {
      const cert = new x509.X509Certificate(existing[0]);
      if (cert.notAfter.getTime() > Date.now() + 30 * DAY_MS) {
        return new LocalCertificateAuthority(cert, await importKey(existing[1]));
      }
    }
    const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: [{ CN: [`Atrium local CA (${hostname()})`] }],
      keys,
      signingAlgorithm: SIGNATURE,
      ...validFor(3650, Date.now()),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, await exportKey(keys.privateKey), { mode: 0o600 });
    await writeFile(certFile, cert.toString('pem'));
    return new LocalCertificateAuthority(cert, keys.privateKey);
  }

  /** A fresh serving certificate for these host names and addresses (issued at every start). */
  async issueServingCertificate(hosts: string[]): Promise<ServingCertificate> {
    const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const names = [...new Set(hosts)].map((value) => ({ type: isIP(value) ? 'ip' : 'dns', value }) as const);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: [{ CN: ['atrium'] }],
      issuer: this.#cert.subjectName,
      publicKey: keys.publicKey,
      signingKey: this.#key,
      signingAlgorithm: SIGNATURE,
      ...validFor(365, Date.now()),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        await x509.AuthorityKeyIdentifierExtension.create(this.#cert),
        new x509.SubjectAlternativeNameExtension(names),
      ],
    });
    return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
  }
}
