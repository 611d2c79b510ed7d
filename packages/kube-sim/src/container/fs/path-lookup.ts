/** Path resolution over the node tree: component by component, with symlinks and `..`. */
import { FsError } from './fs-errors.ts';
import type { DirNode, FsNode } from './fs-nodes.ts';
import { pathParts } from './fs-path.ts';

const MAX_SYMLINK_HOPS = 40;

export interface Lookup {
  /** The node the path names, or undefined when only its last component is missing. */
  node: FsNode | undefined;
  parent: DirNode;
  name: string;
}

/**
 * Walks a path component by component, following symlinks in the middle (and at the end
 * when `followLast`), resolving `..` physically. A missing last component is not an error:
 * callers that create things need its parent.
 */
export function lookupPath(
  root: DirNode,
  path: string,
  followLast: boolean,
  realNames: string[] = [],
): Lookup {
  if (path === '') throw new FsError('ENOENT', path);
  const mustBeDir = path.endsWith('/') && pathParts(path).length > 0;
  const dirs: DirNode[] = [root];
  const names = realNames;
  let queue = pathParts(path);
  let hops = 0;
  while (queue.length > 0) {
    const [part, ...rest] = queue as [string, ...string[]];
    queue = rest;
    const current = dirs[dirs.length - 1] as DirNode;
    if (part === '.') continue;
    if (part === '..') {
      if (dirs.length > 1) {
        dirs.pop();
        names.pop();
      }
      continue;
    }
    const child = current.children.get(part);
    const isLast = queue.length === 0;
    if (!child) {
      if (isLast) return { node: undefined, parent: current, name: part };
      throw new FsError('ENOENT', path);
    }
    if (child.type === 'symlink' && (!isLast || followLast || mustBeDir)) {
      if (++hops > MAX_SYMLINK_HOPS) throw new FsError('ELOOP', path);
      if (child.target.startsWith('/')) {
        dirs.length = 1;
        names.length = 0;
      }
      queue = [...pathParts(child.target), ...queue];
      continue;
    }
    if (isLast) {
      if (mustBeDir && child.type !== 'dir') throw new FsError('ENOTDIR', path);
      names.push(part);
      return { node: child, parent: current, name: part };
    }
    if (child.type !== 'dir') throw new FsError('ENOTDIR', path);
    dirs.push(child);
    names.push(part);
  }
  const node = dirs[dirs.length - 1] as DirNode;
  const parent = dirs[dirs.length - 2] ?? root;
  return { node, parent, name: names[names.length - 1] ?? '' };
}
