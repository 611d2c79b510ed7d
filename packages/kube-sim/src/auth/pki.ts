/**
 * Per-cluster PKI: a CA (kept in the output directory when there is one, so kubeconfigs stay
 * valid across restarts), the serving certificate for 127.0.0.1/localhost, and client
 * certificates whose CN is the user and O entries are the groups — what kubeadm's admin.conf
 * and the real authenticator use. Certificates come from WebCrypto (ECDSA P-256).
 */
// @peculiar/x509 resolves its services through tsyringe, which needs a Reflect polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertifiedKey {
  certPem: string;
  keyPem: string;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** notBefore slightly in the past tolerates clock skew, like kubeadm's certificates. */
function validity(days: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60 * 60 * 1000), notAfter: new Date(now + days * DAY_MS) };
}

export class ClusterPki {
  readonly caPem: string;
  private readonly caCert: x509.X509Certificate;
  private readonly caKey: CryptoKey;

  private constructor(caCert: x509.X509Certificate, caKey: CryptoKey) {
    this.caCert = caCert;
    this.caKey = caKey;
    this.caPem = caCert.toString('pem');
  }

  /** Loads `<dir>/<name>-ca.{crt,key}` when present, otherwise creates a CA (and saves it). */
  static async forCluster(name: string, dir?: string): Promise<ClusterPki> {
    if (dir !== undefined) {
      const certPath = join(dir, `${name}-ca.crt`);
      const keyPath = join(dir, `${name}-ca.key`);
      if (existsSync(certPath) && existsSync(keyPath)) {
        const cert = new x509.X509Certificate(await readFile(certPath, 'utf8'));
        const der = x509.PemConverter.decodeFirst(await readFile(keyPath, 'utf8'));
        const key = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign']);
        if (cert.notAfter.getTime() > Date.now() + DAY_MS) return new ClusterPki(cert, key);
      }
      const pki = await ClusterPki.create(name);
      await mkdir(dir, { recursive: true });
      await writeFile(certPath, pki.caPem);
      await writeFile(keyPath, await privateKeyPem(pki.caKey), { mode: 0o600 });
      return pki;
    }
    return ClusterPki.create(name);
  }

  static async create(name: string): Promise<ClusterPki> {
    const keys = await newKeys();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: [{ CN: [`kube-sim-ca-${name}`] }],
      keys,
      signingAlgorithm: SIGNING,
      ...validity(3650),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new ClusterPki(cert, keys.privateKey);
  }

  /** The API server's serving certificate. */
  async servingCertificate(hosts: string[]): Promise<CertifiedKey> {
    const names = new Set([
      'localhost',
      'kubernetes',
      'kubernetes.default',
      'kubernetes.default.svc',
      '127.0.0.1',
      ...hosts,
    ]);
    const san = [...names].map((value) => ({
      type: isIP(value) ? ('ip' as const) : ('dns' as const),
      value,
    }));
    return this.issue([{ CN: ['kube-apiserver'] }], [x509.ExtendedKeyUsage.serverAuth], san);
  }

  /** A client certificate authenticating as `user` in `groups` (CN and O, as kubeadm does). */
  async clientCertificate(user: string, groups: string[]): Promise<CertifiedKey> {
    const name: x509.JsonName = [{ CN: [user] }];
    for (const group of groups) name.push({ O: [group] });
    return this.issue(name, [x509.ExtendedKeyUsage.clientAuth], []);
  }

  private async issue(
    subject: x509.JsonName,
    usages: x509.ExtendedKeyUsageType[],
    san: x509.JsonGeneralNames,
  ): Promise<CertifiedKey> {
    const keys = await newKeys();
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension(usages),
      await x509.AuthorityKeyIdentifierExtension.create(this.caCert),
    ];
    if (san.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(san));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: this.caCert.subjectName,
      publicKey: keys.publicKey,
      signingKey: this.caKey,
      signingAlgorithm: SIGNING,
      ...validity(365),
      extensions,
    });
    return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
  }
}
