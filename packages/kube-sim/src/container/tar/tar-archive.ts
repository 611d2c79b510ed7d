/**
 * Moving trees between a ContainerFs and tar members: archiving paths (recursively, symlinks
 * kept as links) and extracting members with GNU tar's rules for owners, modes and times.
 */
import type { ContainerFs } from '../fs/container-fs.ts';
import { isFsError } from '../fs/fs-errors.ts';
import type { DeviceKind, FileStat } from '../fs/fs-nodes.ts';
import { dirName } from '../fs/fs-path.ts';
import type { TarEntry } from './tar-format.ts';

export interface ArchiveNames {
  userName(uid: number): string;
  groupName(gid: number): string;
  /** uid for a user name in this container, if it exists (GNU tar restores owners by name). */
  uidOf(name: string): number | undefined;
  gidOf(name: string): number | undefined;
}

/** Where a problem occurred and what the system said, for the caller to phrase. */
export interface TarProblem {
  member: string;
  action: 'stat' | 'open' | 'mkdir' | 'link' | 'contains-dotdot';
  message: string;
}

function joinFs(dir: string, name: string): string {
  if (name === '' || name === '.') return dir;
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function toEntry(fs: ContainerFs, path: string, name: string, st: FileStat, names: ArchiveNames): TarEntry {
  const type =
    st.type === 'dir'
      ? 'dir'
      : st.type === 'symlink'
        ? 'symlink'
        : st.type === 'chardev'
          ? 'chardev'
          : 'file';
  return {
    name: type === 'dir' && !name.endsWith('/') ? `${name}/` : name,
    type,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    uname: names.userName(st.uid),
    gname: names.groupName(st.gid),
    size: type === 'file' ? st.size : 0,
    mtime: st.mtime,
    linkName: st.linkTarget ?? '',
    devMajor: st.rdev?.major ?? 0,
    devMinor: st.rdev?.minor ?? 0,
    // procfs files report size 0, and tar stores what stat says.
    data: type === 'file' && st.size > 0 ? fs.readFile(path) : new Uint8Array(0),
  };
}

/**
 * Entries for one command-line member: `name` is what goes into the archive (leading '/'
 * already removed), `path` where it lives in the file system. Directories recurse in name order.
 */
export function collectEntries(
  fs: ContainerFs,
  path: string,
  name: string,
  options: { dereference: boolean; names: ArchiveNames; display?: string },
  problems: TarProblem[],
): TarEntry[] {
  const entries: TarEntry[] = [];
  const visit = (p: string, n: string, top: boolean) => {
    let st: FileStat;
    try {
      st = options.dereference || (top && p.endsWith('/')) ? fs.stat(p) : fs.lstat(p);
    } catch (err) {
      // GNU tar names a missing command-line member as it was typed (leading '/' included).
      problems.push({
        member: top ? (options.display ?? n) : n,
        action: 'stat',
        message: isFsError(err) ? err.message : String(err),
      });
      return;
    }
    entries.push(toEntry(fs, p, n, st, options.names));
    if (st.type !== 'dir') return;
    const base = n.endsWith('/') ? n : `${n}/`;
    for (const child of fs.readdir(p)) visit(joinFs(p, child), base + child, false);
  };
  visit(path, name, true);
  return entries;
}

const DEVICES: Record<string, DeviceKind> = {
  '1,3': 'null',
  '1,5': 'zero',
  '1,7': 'full',
  '1,8': 'random',
  '1,9': 'urandom',
  '5,0': 'tty',
};

export interface ExtractOptions {
  /** Directory members are extracted into (-C). */
  dir: string;
  sameOwner: boolean;
  samePermissions: boolean;
  /** -m: do not restore modification times. */
  touch: boolean;
  keepOldFiles: boolean;
  stripComponents: number;
  now: Date;
  names: ArchiveNames;
}

/** Extracts one member; returns the path it was written to, or undefined when skipped. */
export function extractEntry(
  fs: ContainerFs,
  entry: TarEntry,
  memberName: string,
  options: ExtractOptions,
  problems: TarProblem[],
  delayedDirTimes: [string, Date][],
): string | undefined {
  const target = joinFs(options.dir, memberName.replace(/\/+$/, ''));
  const mode = options.samePermissions ? entry.mode : entry.mode & ~fs.umask;
  const uid = options.sameOwner ? (options.names.uidOf(entry.uname) ?? entry.uid) : 0;
  const gid = options.sameOwner ? (options.names.gidOf(entry.gname) ?? entry.gid) : 0;
  const mtime = options.touch ? options.now : entry.mtime;
  const fail = (action: TarProblem['action'], err: unknown) => {
    problems.push({ member: memberName, action, message: isFsError(err) ? err.message : String(err) });
    return undefined;
  };
  try {
    if (!fs.exists(dirName(target))) fs.mkdir(dirName(target), { parents: true });
  } catch (err) {
    return fail('mkdir', err);
  }
  const existing = fs.tryStat(target, false);
  if (entry.type === 'dir') {
    try {
      if (existing && existing.type !== 'dir') fs.unlink(target);
      if (!existing || existing.type !== 'dir') fs.mkdir(target, { mode });
      else if (options.samePermissions) fs.chmod(target, mode);
      fs.chown(target, uid, gid);
      delayedDirTimes.push([target, mtime]);
      return target;
    } catch (err) {
      return fail('mkdir', err);
    }
  }
  if (existing?.type === 'dir') return fail('open', Object.assign(new Error('Is a directory')));
  if (existing && options.keepOldFiles) return fail('open', new Error('Cannot open: File exists'));
  try {
    if (existing) fs.unlink(target);
    switch (entry.type) {
      case 'symlink':
        fs.symlink(entry.linkName, target);
        fs.setMtime(target, mtime, false);
        return target;
      case 'hardlink': {
        const source = joinFs(options.dir, entry.linkName.replace(/^\/+/, ''));
        try {
          fs.writeFile(target, fs.readFile(source), { mode: fs.stat(source).mode, mtime });
        } catch (err) {
          return fail('link', err);
        }
        return target;
      }
      case 'chardev':
        fs.makeDevice(
          target,
          DEVICES[`${entry.devMajor},${entry.devMinor}`] ?? 'null',
          entry.devMajor,
          entry.devMinor,
          mode,
        );
        return target;
      default:
        fs.writeFile(target, entry.data, { mode, mtime, uid, gid });
        fs.chmod(target, mode);
        return target;
    }
  } catch (err) {
    return fail('open', err);
  }
}
