/** The node shapes of the in-memory tree and the stat record handed to callers. */

export type NodeType = 'file' | 'dir' | 'symlink' | 'chardev';

/** Character devices a container has under /dev; reads and writes behave like the real ones. */
export type DeviceKind = 'null' | 'zero' | 'random' | 'urandom' | 'tty' | 'full';

interface NodeBase {
  ino: number;
  /** Permission and special bits only (0o7777); the type lives in `type`. */
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

export interface FileNode extends NodeBase {
  type: 'file';
  /** Never mutated in place: writes replace the array, so seeded buffers can be shared. */
  data: Uint8Array;
  /** procfs files report size 0 like the kernel does, but still return their text on read. */
  procfs?: boolean;
}

export interface DirNode extends NodeBase {
  type: 'dir';
  children: Map<string, FsNode>;
}

export interface SymlinkNode extends NodeBase {
  type: 'symlink';
  target: string;
}

export interface DeviceNode extends NodeBase {
  type: 'chardev';
  device: DeviceKind;
  major: number;
  minor: number;
}

export type FsNode = FileNode | DirNode | SymlinkNode | DeviceNode;

/** What stat(2) would say about a node, plus its name and path for listings. */
export interface FileStat {
  name: string;
  path: string;
  type: NodeType;
  size: number;
  /** Permission and special bits (e.g. 0o755). */
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
  nlink: number;
  ino: number;
  /** 512-byte blocks, as st_blocks. */
  blocks: number;
  /** Symlink target (only for symlinks). */
  linkTarget?: string;
  /** Device numbers (only for character devices). */
  rdev?: { major: number; minor: number };
}

export const BLOCK_SIZE = 4096;

export function nodeSize(node: FsNode): number {
  switch (node.type) {
    case 'file':
      return node.procfs ? 0 : node.data.length;
    case 'dir':
      return BLOCK_SIZE;
    case 'symlink':
      return new TextEncoder().encode(node.target).length;
    case 'chardev':
      return 0;
  }
}

/** 512-byte blocks the node occupies on a 4 KiB-block file system. */
export function nodeBlocks(node: FsNode): number {
  if (node.type === 'dir') return 8;
  if (node.type !== 'file' || node.procfs) return 0;
  return Math.ceil(node.data.length / BLOCK_SIZE) * 8;
}

export function linkCount(node: FsNode): number {
  if (node.type !== 'dir') return 1;
  let subdirs = 0;
  for (const child of node.children.values()) if (child.type === 'dir') subdirs++;
  return 2 + subdirs;
}

/** `ls -l` mode column, e.g. `drwxr-xr-x`, `-rwsr-xr-x`, `lrwxrwxrwx`, `crw-rw-rw-`. */
export function modeString(type: NodeType, mode: number): string {
  const typeChar = { file: '-', dir: 'd', symlink: 'l', chardev: 'c' }[type];
  const triplet = (bits: number, special: boolean, specialChar: string): string => {
    const r = bits & 4 ? 'r' : '-';
    const w = bits & 2 ? 'w' : '-';
    let x = bits & 1 ? 'x' : '-';
    if (special) x = bits & 1 ? specialChar : specialChar.toUpperCase();
    return r + w + x;
  };
  return (
    typeChar +
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** The stat record for a node reached through `path`. */
export function fileStat(node: FsNode, path: string, isRoot: boolean): FileStat {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const st: FileStat = {
    name: isRoot && base === '' ? '/' : base || '.',
    path,
    type: node.type,
    size: nodeSize(node),
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
    mtime: node.mtime,
    nlink: linkCount(node),
    ino: node.ino,
    blocks: nodeBlocks(node),
  };
  if (node.type === 'symlink') st.linkTarget = node.target;
  if (node.type === 'chardev') st.rdev = { major: node.major, minor: node.minor };
  return st;
}
