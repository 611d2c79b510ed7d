import { describe, expect, it } from 'vitest';
import { defaultContainerEnv } from './container-env.ts';
import { createContainerFs } from './create-container-fs.ts';
import { imageProfile } from './image-profile.ts';

const now = new Date('2024-05-01T10:00:00Z');
const make = (image: string) =>
  createContainerFs({
    image,
    containerName: 'web',
    podName: 'web-0',
    namespace: 'shop',
    now,
    podIP: '10.244.0.9',
  });

describe('createContainerFs', () => {
  it('gives nginx images their config, content and a Debian base', () => {
    const fs = make('docker.io/library/nginx:1.27');
    expect(fs.readText('/usr/share/nginx/html/index.html')).toContain('<title>Welcome to nginx!</title>');
    expect(fs.readText('/etc/nginx/nginx.conf')).toContain('worker_processes  auto;');
    expect(fs.readText('/etc/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(fs.readlink('/bin')).toBe('usr/bin');
    expect(fs.realpath('/bin/sh')).toBe('/usr/bin/dash');
    expect(fs.readlink('/var/log/nginx/access.log')).toBe('/dev/stdout');
  });

  it('gives alpine images busybox applets and an Alpine os-release', () => {
    const fs = make('nginx:1.27-alpine');
    expect(fs.readText('/etc/os-release')).toContain('ID=alpine');
    expect(fs.readlink('/bin/ls')).toBe('/bin/busybox');
    expect(fs.readText('/etc/passwd').split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/sh');
  });

  it('writes the kubelet-managed files and the service account mount', () => {
    const fs = make('busybox:1.36');
    expect(fs.readText('/etc/hostname')).toBe('web-0\n');
    expect(fs.readText('/etc/hosts')).toContain('10.244.0.9\tweb-0');
    expect(fs.readText('/etc/resolv.conf')).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(fs.readText(`${sa}/namespace`)).toBe('shop');
    expect(fs.readText(`${sa}/ca.crt`)).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const [, payload] = fs.readText(`${sa}/token`).split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()).sub).toBe(
      'system:serviceaccount:shop:default',
    );
    expect(fs.lstat(`${sa}/token`).linkTarget).toBe('..data/token');
  });

  it('serves static /proc files', () => {
    const fs = make('redis:7');
    expect(fs.readText('/proc/1/cmdline')).toBe('redis-server *:6379\0');
    expect(fs.readText('/proc/cpuinfo')).toContain('model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz');
    expect(fs.readText('/proc/meminfo')).toMatch(/^MemTotal:\s+\d+ kB/);
    expect(fs.stat('/proc/meminfo').size).toBe(0);
  });

  it('is the same tree for the same inputs', () => {
    const a = make('myorg/payments-api:2.3.1');
    const b = make('myorg/payments-api:2.3.1');
    const names = (fs: ReturnType<typeof make>) =>
      [...fs.walk('/')].map((s) => `${s.path} ${s.size} ${s.mtime.toISOString()}`);
    expect(names(a)).toEqual(names(b));
    expect(a.readText('/app/VERSION')).toBe('2.3.1\n');
  });

  it('derives the environment a container starts with', () => {
    expect(imageProfile('postgres:16.2').env.PGDATA).toBe('/var/lib/postgresql/data');
    const env = defaultContainerEnv({ image: 'nginx:1.25.3', hostname: 'web-0', env: { MODE: 'prod' } });
    expect(Object.keys(env).slice(0, 2)).toEqual(['PATH', 'HOSTNAME']);
    expect(env).toMatchObject({
      NGINX_VERSION: '1.25.3',
      MODE: 'prod',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      HOME: '/root',
    });
  });
});
