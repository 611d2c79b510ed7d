/** Shell pattern matching (`*`, `?`, `[...]`) for globs, `case` and `${var%pattern}`. */
import type { ContainerFs } from '../fs/container-fs.ts';

/** Marks a character that must match literally (it came from a quoted part of the word); a private-use code point. */
export const QUOTE_MARK = '\uE000';

export function escapeGlob(text: string): string {
  return text.replace(/[*?[\\\]]/g, (c) => QUOTE_MARK + c);
}

export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === QUOTE_MARK) {
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** The literal text of a pattern (quote marks removed). */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\uE000(.)/gs, '$1');
}

/** Converts a shell pattern to a RegExp source; `matchSlash` false keeps `*` inside one path segment. */
export function patternSource(pattern: string, matchSlash = true): string {
  const any = matchSlash ? '[\\s\\S]' : '[^/]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === QUOTE_MARK || c === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined) {
        out += escapeRegExp(next);
        i++;
      } else out += '\\\\';
    } else if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\uE000/g, '')}]`;
      i = close;
    } else out += escapeRegExp(c);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchPattern(pattern: string, text: string): boolean {
  return new RegExp(`^${patternSource(pattern)}$`).test(text);
}

/**
 * Expands a glob against the file system. Relative patterns are matched from `cwd` and
 * produce relative results; `*` does not match a leading dot; results are sorted.
 */
export function globPaths(fs: ContainerFs, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segments.shift();
  let candidates: string[] = [absolute ? '/' : ''];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const prefix of candidates) {
      const dir = prefix === '' ? cwd : prefix.startsWith('/') ? prefix : `${cwd}/${prefix}`;
      if (!hasGlobChars(segment)) {
        const path = joinGlob(prefix, unescapeGlob(segment));
        const full = path.startsWith('/') ? path : `${cwd}/${path}`;
        if (last ? fs.tryStat(full, false) : fs.tryStat(full)?.type === 'dir') next.push(path);
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      const re = new RegExp(`^${patternSource(segment, false)}$`);
      const dotOk = unescapeGlob(segment).startsWith('.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!re.test(name)) continue;
        const path = joinGlob(prefix, name);
        const full = path.startsWith('/') ? path : `${cwd}/${path}`;
        if (!last && fs.tryStat(full)?.type !== 'dir') continue;
        next.push(path);
      }
    }
    candidates = next;
    if (candidates.length === 0) break;
  }
  if (pattern.endsWith('/')) candidates = candidates.map((c) => c + '/');
  return candidates.sort();
}

function joinGlob(prefix: string, name: string): string {
  if (prefix === '') return name;
  return prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`;
}
