/**
 * Builds the file system a container starts with: the distribution's base layer, the
 * application layer of well-known images, /proc and /dev, and what the kubelet mounts.
 */
import { ContainerFs } from '../fs/container-fs.ts';
import { appUser, seedApplication } from './app-files.ts';
import { BUSYBOX_APPLETS, BUSYBOX_SIZE, GNU_BINARIES, fakeElf } from './fake-binaries.ts';
import { imageProfile, type ImageProfile } from './image-profile.ts';
import { defaultPodIP, seedKubeMounts } from './kube-mounts.ts';
import { groupText, osRelease, passwdEntries, passwdText } from './os-files.ts';
import { seedProc } from './procfs.ts';
import { TreeBuilder } from './tree-builder.ts';

export interface CreateContainerFsOptions {
  image: string;
  containerName: string;
  podName: string;
  namespace: string;
  /** The container's environment (recorded in /proc/1/environ). */
  env?: Record<string, string>;
  /** Container start time, or a clock (its current time is the start time; later writes use it). */
  now: Date | (() => Date);
  hostname?: string;
  podIP?: string;
  serviceAccountName?: string;
  serviceAccountToken?: string;
  caCrt?: string;
  clusterDomain?: string;
  dnsServer?: string;
  /** PID 1's argv; defaults to what the image would run. */
  command?: string[];
}

const DAY_MS = 86_400_000;

/** Images are "built" a few weeks before they run; a fixed offset keeps listings stable. */
function imageBuildTime(startedAt: Date): Date {
  const day = Math.floor((startedAt.getTime() - 23 * DAY_MS) / DAY_MS) * DAY_MS;
  return new Date(day + (2 * 3600 + 14 * 60 + 7) * 1000);
}

function seedSkeleton(t: TreeBuilder, profile: ImageProfile): void {
  const gnu = profile.toolset === 'gnu';
  t.dirs([
    '/etc',
    '/home',
    '/media',
    '/mnt',
    '/opt',
    '/run',
    '/srv',
    '/usr',
    '/usr/bin',
    '/usr/sbin',
    '/usr/lib',
  ]);
  t.dirs([
    '/usr/local',
    '/usr/local/bin',
    '/usr/local/sbin',
    '/usr/local/lib',
    '/usr/local/share',
    '/usr/share',
  ]);
  t.dirs(['/var', '/var/cache', '/var/lib', '/var/local', '/var/log', '/var/mail', '/var/opt', '/var/spool']);
  t.dir('/root', 0o700).dir('/tmp', 0o1777).dir('/var/tmp', 0o1777).dir('/run/lock', 0o1777);
  t.link('/var/run', gnu ? '/run' : '../run').link('/var/lock', gnu ? '/run/lock' : '../run/lock');
  if (gnu) {
    // Debian/Ubuntu have merged /usr: the top-level directories are symlinks.
    t.link('/bin', 'usr/bin').link('/sbin', 'usr/sbin').link('/lib', 'usr/lib').link('/lib64', 'usr/lib64');
    t.dirs(['/usr/lib64', '/boot', '/usr/share/doc']);
    t.file('/usr/lib64/ld-linux-x86-64.so.2', fakeElf(210_968), 0o755);
    t.file('/usr/lib/x86_64-linux-gnu/libc.so.6', fakeElf(1_922_136), 0o755);
    for (const [name, size] of Object.entries(GNU_BINARIES)) t.file(`/usr/bin/${name}`, fakeElf(size), 0o755);
    t.link('/usr/bin/sh', 'dash');
  } else {
    t.dirs(['/bin', '/sbin', '/lib', '/usr/lib']);
    t.file('/bin/busybox', fakeElf(BUSYBOX_SIZE), 0o755);
    t.file('/lib/ld-musl-x86_64.so.1', fakeElf(657_680), 0o755).link(
      '/lib/libc.musl-x86_64.so.1',
      'ld-musl-x86_64.so.1',
    );
    for (const [dir, applets] of Object.entries(BUSYBOX_APPLETS)) {
      for (const applet of applets) t.link(`${dir}/${applet}`, '/bin/busybox');
    }
  }
}

function seedEtc(t: TreeBuilder, profile: ImageProfile): void {
  const users = passwdEntries(profile.distro, appUser(profile));
  const release = osRelease(profile.distro);
  if (release) {
    if (profile.toolset === 'gnu')
      t.file('/usr/lib/os-release', release).link('/etc/os-release', '../usr/lib/os-release');
    else t.file('/etc/os-release', release);
  }
  if (profile.distro === 'alpine') t.file('/etc/alpine-release', '3.20.3\n');
  if (profile.distro === 'debian') t.file('/etc/debian_version', '12.8\n');
  if (profile.distro === 'ubuntu') t.file('/etc/debian_version', 'trixie/sid\n');
  t.file('/etc/passwd', passwdText(users))
    .file('/etc/group', groupText(users, profile.distro))
    .file('/etc/shadow', users.map((u) => `${u.name}:*:19700:0:99999:7:::\n`).join(''), 0o640)
    .file(
      '/etc/shells',
      profile.toolset === 'gnu'
        ? '/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n'
        : '/bin/sh\n/bin/ash\n',
    )
    .file('/etc/profile', 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n')
    .file('/etc/nsswitch.conf', 'passwd:         files\ngroup:          files\nhosts:          files dns\n')
    .file(
      '/root/.profile',
      profile.toolset === 'gnu' ? '# ~/.profile: executed by Bourne-compatible login shells.\n' : '',
    )
    .link('/etc/mtab', '../proc/self/mounts');
  if (profile.toolset === 'gnu')
    t.file(
      '/root/.bashrc',
      "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# export LS_OPTIONS='--color=auto'\n",
    );
}

function seedDev(t: TreeBuilder): void {
  t.dir('/dev')
    .device('/dev/null', 'null', 1, 3)
    .device('/dev/zero', 'zero', 1, 5)
    .device('/dev/full', 'full', 1, 7)
    .device('/dev/random', 'random', 1, 8)
    .device('/dev/urandom', 'urandom', 1, 9)
    .device('/dev/tty', 'tty', 5, 0)
    .dir('/dev/pts')
    .dir('/dev/shm', 0o1777)
    .dir('/dev/mqueue', 0o1777)
    .link('/dev/fd', '/proc/self/fd')
    .link('/dev/stdin', '/proc/self/fd/0')
    .link('/dev/stdout', '/proc/self/fd/1')
    .link('/dev/stderr', '/proc/self/fd/2')
    .link('/dev/core', '/proc/kcore')
    .link('/dev/ptmx', 'pts/ptmx');
}

export function createContainerFs(options: CreateContainerFsOptions): ContainerFs {
  const clock = typeof options.now === 'function' ? options.now : () => options.now as Date;
  const startedAt = clock();
  const profile = imageProfile(options.image);
  const fs = new ContainerFs({ now: clock });
  const t = new TreeBuilder(fs, imageBuildTime(startedAt));
  fs.setMtime('/', t.time);
  seedSkeleton(t, profile);
  seedEtc(t, profile);
  seedApplication(t, profile);
  t.time = startedAt;
  seedDev(t);
  seedProc(t, { command: options.command ?? profile.command, env: options.env ?? profile.env, startedAt });
  seedKubeMounts(t, {
    podName: options.podName,
    namespace: options.namespace,
    hostname: options.hostname ?? options.podName,
    podIP: options.podIP ?? defaultPodIP(options.namespace, options.podName),
    clusterDomain: options.clusterDomain ?? 'cluster.local',
    dnsServer: options.dnsServer ?? '10.96.0.10',
    serviceAccountName: options.serviceAccountName ?? 'default',
    serviceAccountToken: options.serviceAccountToken,
    caCrt: options.caCrt,
    startedAt,
  });
  return fs;
}
