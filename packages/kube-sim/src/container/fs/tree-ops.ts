/** Whole-tree operations: ancestry checks, deep copies, walks and disk usage. */
import type { ContainerFs } from './container-fs.ts';
import type { DirNode, FileStat, FsNode } from './fs-nodes.ts';

export function isAncestor(dir: DirNode, candidate: DirNode): boolean {
  if (dir === candidate) return true;
  for (const child of dir.children.values()) {
    if (child.type === 'dir' && isAncestor(child, candidate)) return true;
  }
  return false;
}

/** A deep copy with fresh inode numbers; file contents are shared (they are never mutated). */
export function cloneTree(node: FsNode, nextIno: () => number): FsNode {
  const ino = nextIno();
  if (node.type !== 'dir') return { ...node, ino };
  const children = new Map<string, FsNode>();
  for (const [name, child] of node.children) children.set(name, cloneTree(child, nextIno));
  return { ...node, ino, children };
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function* walkTree(fs: ContainerFs, path: string): Generator<FileStat> {
  const top = fs.stat(path);
  yield { ...top, path };
  if (top.type !== 'dir') return;
  for (const name of fs.readdir(path)) {
    const child = (path.endsWith('/') ? path : path + '/') + name;
    const st = fs.lstat(child);
    if (st.type === 'dir') yield* walkTree(fs, child);
    else yield st;
  }
}

export function treeUsage(fs: ContainerFs, path: string): { kilobytes: number; bytes: number } {
  let blocks = 0;
  let bytes = 0;
  for (const st of walkTree(fs, path)) {
    blocks += st.blocks;
    bytes += st.size;
  }
  return { kilobytes: blocks / 2, bytes };
}
