/**
 * Files the kubelet puts into every container: /etc/hostname, /etc/hosts, /etc/resolv.conf,
 * /dev/termination-log and the projected service-account volume with its `..data` symlinks.
 */
import { hashString, seededBytes } from '../deterministic.ts';
import type { TreeBuilder } from './tree-builder.ts';

export interface KubeMountOptions {
  podName: string;
  namespace: string;
  hostname: string;
  podIP: string;
  clusterDomain: string;
  dnsServer: string;
  serviceAccountName: string;
  serviceAccountToken?: string;
  caCrt?: string;
  startedAt: Date;
}

export function defaultPodIP(namespace: string, podName: string): string {
  const h = hashString(`${namespace}/${podName}`);
  return `10.244.${(h >>> 8) % 4}.${2 + (h % 250)}`;
}

function base64Url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A JWT-shaped projected token: right claims, unverifiable signature. */
export function fakeServiceAccountToken(o: KubeMountOptions): string {
  const iat = Math.floor(o.startedAt.getTime() / 1000);
  const seed = hashString(`${o.namespace}/${o.podName}/${o.serviceAccountName}`);
  const header = { alg: 'RS256', kid: base64Url(seededBytes(seed, 32)).slice(0, 43) };
  const payload = {
    aud: [`https://kubernetes.default.svc.${o.clusterDomain}`],
    exp: iat + 3607,
    iat,
    iss: `https://kubernetes.default.svc.${o.clusterDomain}`,
    'kubernetes.io': {
      namespace: o.namespace,
      pod: { name: o.podName },
      serviceaccount: { name: o.serviceAccountName },
    },
    nbf: iat,
    sub: `system:serviceaccount:${o.namespace}:${o.serviceAccountName}`,
  };
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}.${base64Url(seededBytes(seed ^ 0x5a5a, 256))}`;
}

function fakeCaCertificate(): string {
  const body = Buffer.from(seededBytes(0xca, 816)).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** `..2024_05_01_10_00_00.123456789`, the timestamped directory atomic writers swap in. */
function projectionDirName(at: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const nanos = p(at.getUTCMilliseconds(), 3) + p(hashString(at.toISOString()) % 1_000_000, 6);
  return `..${at.getUTCFullYear()}_${p(at.getUTCMonth() + 1)}_${p(at.getUTCDate())}_${p(at.getUTCHours())}_${p(at.getUTCMinutes())}_${p(at.getUTCSeconds())}.${nanos}`;
}

export function seedKubeMounts(t: TreeBuilder, o: KubeMountOptions): void {
  t.time = o.startedAt;
  const search = [`${o.namespace}.svc.${o.clusterDomain}`, `svc.${o.clusterDomain}`, o.clusterDomain].join(
    ' ',
  );
  t.file('/etc/hostname', `${o.hostname}\n`)
    .file(
      '/etc/hosts',
      [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
        `${o.podIP}\t${o.hostname}`,
        '',
      ].join('\n'),
    )
    .file('/etc/resolv.conf', `search ${search}\nnameserver ${o.dnsServer}\noptions ndots:5\n`)
    .file('/dev/termination-log', '', 0o666);

  const sa = '/run/secrets/kubernetes.io/serviceaccount';
  const stamp = projectionDirName(o.startedAt);
  t.dir('/run/secrets').dir('/run/secrets/kubernetes.io').dir(sa, 0o1777);
  t.dir(`${sa}/${stamp}`, 0o755)
    .file(`${sa}/${stamp}/ca.crt`, o.caCrt ?? fakeCaCertificate())
    .file(`${sa}/${stamp}/namespace`, o.namespace)
    .file(`${sa}/${stamp}/token`, o.serviceAccountToken ?? fakeServiceAccountToken(o))
    .link(`${sa}/..data`, stamp)
    .link(`${sa}/ca.crt`, '..data/ca.crt')
    .link(`${sa}/namespace`, '..data/namespace')
    .link(`${sa}/token`, '..data/token');
}
