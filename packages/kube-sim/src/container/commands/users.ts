/** uid/gid ↔ name lookups through the container's own /etc/passwd and /etc/group. */
import { parsePasswd, type PasswdEntry } from '../image/os-files.ts';
import type { ContainerSystem } from '../shell/system.ts';

function readEtc(system: ContainerSystem, file: string): string {
  try {
    return system.fs.readText(file);
  } catch {
    return '';
  }
}

export function passwd(system: ContainerSystem): PasswdEntry[] {
  return parsePasswd(readEtc(system, '/etc/passwd'));
}

export function userName(system: ContainerSystem, uid: number): string {
  return passwd(system).find((u) => u.uid === uid)?.name ?? String(uid);
}

export function groupName(system: ContainerSystem, gid: number): string {
  for (const line of readEtc(system, '/etc/group').split('\n')) {
    const [name, , id] = line.split(':');
    if (name && Number(id) === gid) return name;
  }
  return String(gid);
}

/** The session's user as a passwd entry (root unless the exec names another user). */
export function currentUser(system: ContainerSystem): PasswdEntry {
  const entries = passwd(system);
  const byName =
    entries.find((u) => u.name === system.user) ?? entries.find((u) => String(u.uid) === system.user);
  if (byName) return byName;
  if (system.user === 'root' || system.user === '0')
    return { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/sh' };
  const uid = /^\d+$/.test(system.user) ? Number(system.user) : 1000;
  return { name: system.user, uid, gid: uid, gecos: '', home: '/', shell: '/bin/sh' };
}
