/** Lexical path helpers (POSIX semantics, '/' separator, no symlink knowledge). */

/** Path components without empty parts: '/a//b/' → ['a', 'b']. */
export function pathParts(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

/** Absolute, normalised path of `path` seen from `cwd`, resolving `.` and `..` lexically. */
export function normalizePath(path: string, cwd = '/'): string {
  const start = path.startsWith('/') ? [] : pathParts(cwd);
  const out = [...start];
  for (const part of pathParts(path)) {
    if (part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined.replace(/\/{2,}/g, '/');
}

/** Like dirname(1): '/a/b' → '/a', 'b' → '.', '/' → '/'. */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const idx = trimmed.lastIndexOf('/');
  if (idx < 0) return '.';
  if (idx === 0) return '/';
  return trimmed.slice(0, idx).replace(/\/+$/, '') || '/';
}

/** Like basename(1): '/a/b/' → 'b', '/' → '/'. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
