/** /etc contents that come with a distribution's base image (os-release, passwd, group, shells). */
import type { Distro } from './image-profile.ts';

export function osRelease(distro: Distro): string | undefined {
  switch (distro) {
    case 'alpine':
      return [
        'NAME="Alpine Linux"',
        'ID=alpine',
        'VERSION_ID=3.20.3',
        'PRETTY_NAME="Alpine Linux v3.20"',
        'HOME_URL="https://alpinelinux.org/"',
        'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
        '',
      ].join('\n');
    case 'debian':
      return [
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
        'NAME="Debian GNU/Linux"',
        'VERSION_ID="12"',
        'VERSION="12 (bookworm)"',
        'VERSION_CODENAME=bookworm',
        'ID=debian',
        'HOME_URL="https://www.debian.org/"',
        'SUPPORT_URL="https://www.debian.org/support"',
        'BUG_REPORT_URL="https://bugs.debian.org/"',
        '',
      ].join('\n');
    case 'ubuntu':
      return [
        'PRETTY_NAME="Ubuntu 24.04.1 LTS"',
        'NAME="Ubuntu"',
        'VERSION_ID="24.04"',
        'VERSION="24.04.1 LTS (Noble Numbat)"',
        'VERSION_CODENAME=noble',
        'ID=ubuntu',
        'ID_LIKE=debian',
        'HOME_URL="https://www.ubuntu.com/"',
        'SUPPORT_URL="https://help.ubuntu.com/"',
        'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
        'UBUNTU_CODENAME=noble',
        '',
      ].join('\n');
    case 'busybox':
      // The busybox image has no os-release at all.
      return undefined;
  }
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export function passwdEntries(distro: Distro, appUser?: PasswdEntry): PasswdEntry[] {
  const busybox = distro === 'alpine' || distro === 'busybox';
  const nologin = busybox ? '/sbin/nologin' : '/usr/sbin/nologin';
  const entries: PasswdEntry[] = busybox
    ? [
        { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/sh' },
        { name: 'bin', uid: 1, gid: 1, gecos: 'bin', home: '/bin', shell: nologin },
        { name: 'daemon', uid: 2, gid: 2, gecos: 'daemon', home: '/sbin', shell: nologin },
        { name: 'lp', uid: 4, gid: 7, gecos: 'lp', home: '/var/spool/lpd', shell: nologin },
        { name: 'sync', uid: 5, gid: 0, gecos: 'sync', home: '/sbin', shell: '/bin/sync' },
        { name: 'operator', uid: 11, gid: 0, gecos: 'operator', home: '/root', shell: nologin },
        { name: 'nobody', uid: 65534, gid: 65534, gecos: 'nobody', home: '/', shell: nologin },
      ]
    : [
        { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/bash' },
        { name: 'daemon', uid: 1, gid: 1, gecos: 'daemon', home: '/usr/sbin', shell: nologin },
        { name: 'bin', uid: 2, gid: 2, gecos: 'bin', home: '/bin', shell: nologin },
        { name: 'sys', uid: 3, gid: 3, gecos: 'sys', home: '/dev', shell: nologin },
        { name: 'sync', uid: 4, gid: 65534, gecos: 'sync', home: '/bin', shell: '/bin/sync' },
        { name: 'www-data', uid: 33, gid: 33, gecos: 'www-data', home: '/var/www', shell: nologin },
        { name: 'nobody', uid: 65534, gid: 65534, gecos: 'nobody', home: '/nonexistent', shell: nologin },
      ];
  if (appUser) entries.splice(entries.length - 1, 0, appUser);
  return entries;
}

export function passwdText(entries: PasswdEntry[]): string {
  return entries.map((e) => `${e.name}:x:${e.uid}:${e.gid}:${e.gecos}:${e.home}:${e.shell}\n`).join('');
}

export function groupText(entries: PasswdEntry[], distro: Distro): string {
  const busybox = distro === 'alpine' || distro === 'busybox';
  const base = busybox
    ? [
        'root:x:0:root',
        'bin:x:1:root,bin,daemon',
        'daemon:x:2:root,bin,daemon',
        'sys:x:3:root,bin',
        'adm:x:4:root,daemon',
        'wheel:x:10:root',
      ]
    : [
        'root:x:0:',
        'daemon:x:1:',
        'bin:x:2:',
        'sys:x:3:',
        'adm:x:4:',
        'tty:x:5:',
        'www-data:x:33:',
        'users:x:100:',
      ];
  const names = new Set(base.map((line) => line.split(':')[0]));
  for (const e of entries) {
    if (!names.has(e.name) && e.gid === e.uid) base.push(`${e.name}:x:${e.gid}:`);
  }
  base.push(busybox ? 'nobody:x:65534:' : 'nogroup:x:65534:');
  return [...new Set(base)].join('\n') + '\n';
}

/** Parses /etc/passwd text back into entries (whoami, id and ls use it to name uids). */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const [name, , uid, gid, gecos, home, shell] = line.split(':');
    if (!name || uid === undefined || gid === undefined) continue;
    entries.push({
      name,
      uid: Number(uid),
      gid: Number(gid),
      gecos: gecos ?? '',
      home: home ?? '/',
      shell: shell ?? '',
    });
  }
  return entries;
}
