/**
 * An in-memory POSIX-like file system for one simulated container. Everything runs as root,
 * so permission bits are recorded and shown but never enforced (root bypasses them anyway).
 */
import { FsError } from './fs-errors.ts';
import { fileStat, type DeviceKind, type DirNode, type FileStat, type FsNode } from './fs-nodes.ts';
import { pathParts } from './fs-path.ts';
import { lookupPath, type Lookup } from './path-lookup.ts';
import { cloneTree, concatBytes, isAncestor, treeUsage, walkTree } from './tree-ops.ts';
import { deviceRead } from './devices.ts';

export interface ContainerFsOptions {
  /** Time source for modification times of writes. */
  now?: () => Date;
  /** umask applied to created files and directories (default 0o022). */
  umask?: number;
}

export interface WriteOptions {
  append?: boolean;
  /** Mode for a newly created file (before umask is applied when `applyUmask`). */
  mode?: number;
  mtime?: Date;
  uid?: number;
  gid?: number;
  /** Seeds /proc files: size 0 in listings, content on read. */
  procfs?: boolean;
}

export class ContainerFs {
  readonly root: DirNode;
  readonly umask: number;
  private readonly now: () => Date;
  private nextIno = 2;

  constructor(options: ContainerFsOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.umask = options.umask ?? 0o022;
    this.root = { type: 'dir', ino: 1, mode: 0o755, uid: 0, gid: 0, mtime: this.now(), children: new Map() };
  }

  /** Current time of the file system's clock (used for new mtimes). */
  currentTime(): Date {
    return this.now();
  }

  exists(path: string): boolean {
    try {
      return this.lookup(path, true).node !== undefined;
    } catch {
      return false;
    }
  }

  /** stat(2): follows symlinks. */
  stat(path: string): FileStat {
    return this.statOf(path, true);
  }

  /** lstat(2): describes a symlink itself. */
  lstat(path: string): FileStat {
    return this.statOf(path, false);
  }

  tryStat(path: string, follow = true): FileStat | undefined {
    try {
      return this.statOf(path, follow);
    } catch {
      return undefined;
    }
  }

  /** Entry names of a directory in byte order (what `ls` in the C locale shows). */
  readdir(path: string): string[] {
    const dir = this.requireDir(path);
    return [...dir.children.keys()].sort(compareBytes);
  }

  /** A directory listing for file managers: lstat of every entry, sorted by name. */
  list(path: string): FileStat[] {
    const dir = this.requireDir(path);
    const base = path.endsWith('/') ? path : path + '/';
    return [...dir.children.keys()].sort(compareBytes).map((name) => this.lstat(base + name));
  }

  readFile(path: string): Uint8Array {
    const { node } = this.lookup(path, true);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    if (node.type === 'chardev') return deviceRead(node.device);
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    return node.data;
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  writeFile(path: string, content: Uint8Array | string, options: WriteOptions = {}): void {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const { node, parent, name } = this.lookup(path, true);
    const mtime = options.mtime ?? this.now();
    if (node?.type === 'dir') throw new FsError('EISDIR', path);
    if (node?.type === 'chardev') {
      if (node.device === 'full') throw new FsError('EINVAL', path);
      return;
    }
    if (node?.type === 'file') {
      node.data = options.append ? concatBytes(node.data, data) : data;
      node.mtime = mtime;
      return;
    }
    if (path.endsWith('/')) throw new FsError('EISDIR', path);
    parent.children.set(name, {
      type: 'file',
      ino: this.nextIno++,
      mode: (options.mode ?? 0o666 & ~this.umask) & 0o7777,
      uid: options.uid ?? 0,
      gid: options.gid ?? 0,
      mtime,
      data,
      ...(options.procfs ? { procfs: true } : {}),
    });
    parent.mtime = mtime;
  }

  mkdir(path: string, options: { parents?: boolean; mode?: number; mtime?: Date } = {}): void {
    const mode = options.mode ?? 0o777 & ~this.umask;
    const mtime = options.mtime ?? this.now();
    if (options.parents) {
      const parts = pathParts(path);
      let prefix = path.startsWith('/') ? '' : '.';
      for (const [index, part] of parts.entries()) {
        prefix += '/' + part;
        const existing = this.tryStat(prefix);
        if (existing?.type === 'dir') continue;
        if (existing) throw new FsError(index === parts.length - 1 ? 'EEXIST' : 'ENOTDIR', path);
        this.mkdir(prefix, { mode, mtime });
      }
      return;
    }
    const { node, parent, name } = this.lookup(path, false);
    if (node) throw new FsError('EEXIST', path);
    parent.children.set(name, {
      type: 'dir',
      ino: this.nextIno++,
      mode,
      uid: 0,
      gid: 0,
      mtime,
      children: new Map(),
    });
    parent.mtime = mtime;
  }

  rmdir(path: string): void {
    const { node, parent, name } = this.lookup(path, false);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (node === this.root) throw new FsError('EBUSY', path);
    if (node.children.size > 0) throw new FsError('ENOTEMPTY', path);
    parent.children.delete(name);
    parent.mtime = this.now();
  }

  /** unlink(2): removes a file, symlink or device; directories give EISDIR like Linux. */
  unlink(path: string): void {
    const { node, parent, name } = this.lookup(path, false);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    parent.children.delete(name);
    parent.mtime = this.now();
  }

  /** Removes a path; `recursive` removes directory trees, `force` ignores a missing path. */
  remove(path: string, options: { recursive?: boolean; force?: boolean } = {}): void {
    const { node, parent, name } = this.lookup(path, false);
    if (!node) {
      if (options.force) return;
      throw new FsError('ENOENT', path);
    }
    if (node === this.root) throw new FsError('EBUSY', path);
    if (node.type === 'dir' && node.children.size > 0 && !options.recursive)
      throw new FsError('ENOTEMPTY', path);
    parent.children.delete(name);
    parent.mtime = this.now();
  }

  /** rename(2) semantics: replaces files and empty directories, refuses moves into itself. */
  rename(from: string, to: string): void {
    const src = this.lookup(from, false);
    if (!src.node) throw new FsError('ENOENT', from);
    const dst = this.lookup(to, false);
    if (src.node === dst.node) return;
    if (src.node.type === 'dir' && isAncestor(src.node, dst.parent)) throw new FsError('EINVAL', to);
    if (dst.node) {
      if (dst.node.type === 'dir' && src.node.type !== 'dir') throw new FsError('EISDIR', to);
      if (dst.node.type !== 'dir' && src.node.type === 'dir') throw new FsError('ENOTDIR', to);
      if (dst.node.type === 'dir' && dst.node.children.size > 0) throw new FsError('ENOTEMPTY', to);
    }
    src.parent.children.delete(src.name);
    dst.parent.children.set(dst.name, src.node);
    src.parent.mtime = dst.parent.mtime = this.now();
  }

  /** Copies a file or (with `recursive`) a tree to a path that must not exist yet. */
  copy(from: string, to: string, options: { recursive?: boolean } = {}): void {
    const src = this.lookup(from, true).node;
    if (!src) throw new FsError('ENOENT', from);
    if (src.type === 'dir' && !options.recursive) throw new FsError('EISDIR', from);
    const dst = this.lookup(to, false);
    if (dst.node && !(dst.node.type === 'file' && src.type === 'file')) throw new FsError('EEXIST', to);
    if (src.type === 'dir' && isAncestor(src, dst.parent)) throw new FsError('EINVAL', to);
    dst.parent.children.set(
      dst.name,
      cloneTree(src, () => this.nextIno++),
    );
    dst.parent.mtime = this.now();
  }

  symlink(target: string, path: string): void {
    const { node, parent, name } = this.lookup(path, false);
    if (node) throw new FsError('EEXIST', path);
    const mtime = this.now();
    parent.children.set(name, {
      type: 'symlink',
      ino: this.nextIno++,
      mode: 0o777,
      uid: 0,
      gid: 0,
      mtime,
      target,
    });
    parent.mtime = mtime;
  }

  readlink(path: string): string {
    const { node } = this.lookup(path, false);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  makeDevice(path: string, device: DeviceKind, major: number, minor: number, mode = 0o666): void {
    const { parent, name } = this.lookup(path, false);
    parent.children.set(name, {
      type: 'chardev',
      ino: this.nextIno++,
      mode,
      uid: 0,
      gid: 0,
      mtime: this.now(),
      device,
      major,
      minor,
    });
  }

  chmod(path: string, mode: number): void {
    this.requireNode(path, true).mode = mode & 0o7777;
  }

  chown(path: string, uid: number, gid: number): void {
    const node = this.requireNode(path, true);
    node.uid = uid;
    node.gid = gid;
  }

  setMtime(path: string, mtime: Date, follow = true): void {
    this.requireNode(path, follow).mtime = mtime;
  }

  /** Canonical absolute path with every symlink resolved (realpath(3)). */
  realpath(path: string): string {
    const names: string[] = [];
    if (!this.lookup(path, true, names).node) throw new FsError('ENOENT', path);
    return '/' + names.join('/');
  }

  /** Depth-first, name-ordered walk of a tree (not following symlinks below the start). */
  walk(path: string): Generator<FileStat> {
    return walkTree(this, path);
  }

  /** Disk usage in 1 KiB blocks and apparent bytes, like `du -s` / `du -sb`. */
  diskUsage(path: string): { kilobytes: number; bytes: number } {
    return treeUsage(this, path);
  }

  private statOf(path: string, follow: boolean): FileStat {
    const { node } = this.lookup(path, follow);
    if (!node) throw new FsError('ENOENT', path);
    return fileStat(node, path, node === this.root);
  }

  private lookup(path: string, followLast: boolean, realNames: string[] = []): Lookup {
    return lookupPath(this.root, path, followLast, realNames);
  }

  private requireNode(path: string, follow: boolean): FsNode {
    const { node } = this.lookup(path, follow);
    if (!node) throw new FsError('ENOENT', path);
    return node;
  }

  private requireDir(path: string): DirNode {
    const node = this.requireNode(path, true);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return node;
  }
}

/** strcmp order, as `ls` sorts in the C locale containers run in. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
