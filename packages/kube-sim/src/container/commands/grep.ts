/** grep with basic (BRE), extended (-E) and fixed (-F) patterns, recursion and the usual flags. */
import {
  decodeText,
  fileError,
  isBusybox,
  parseArgs,
  readInput,
  resolvePath,
  splitLines,
  withUsage,
  type Command,
  type CommandRuntime,
} from './command-kit.ts';

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** Translates a POSIX regular expression into a JavaScript one. */
export function posixToRegExpSource(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '[') {
      const close = findBracketEnd(pattern, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      body = body
        .replace(/\[:(\w+):\]/g, (all, name: string) => POSIX_CLASSES[name] ?? all)
        .replace(/\\/g, '\\\\');
      out += `[${negate ? '^' : ''}${body}]`;
      i = close;
    } else if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) out += '\\\\';
      else if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSb'.includes(n)) out += '\\' + n;
      else if (!extended && '(){}|+?'.includes(n)) out += n;
      else out += '\\' + n;
    } else if (!extended && '(){}|+?'.includes(c)) out += '\\' + c;
    else out += c;
  }
  return out;
}

function findBracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) i = end + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

function buildMatcher(patterns: string[], flags: Set<string>): RegExp {
  const sources = patterns.map((p) =>
    flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : posixToRegExpSource(p, flags.has('E')),
  );
  let source = sources.map((s) => `(?:${s})`).join('|');
  if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (flags.has('x')) source = `^(?:${source})$`;
  return new RegExp(source, flags.has('i') ? 'gi' : 'g');
}

interface GrepFile {
  name: string;
  data: Uint8Array;
}

function collectFiles(
  rt: CommandRuntime,
  operands: string[],
  recursive: boolean,
): { files: GrepFile[]; failed: boolean } {
  const files: GrepFile[] = [];
  let failed = false;
  const visit = (display: string) => {
    const path = resolvePath(rt, display);
    const st = rt.system.fs.tryStat(path);
    if (st?.type === 'dir') {
      if (!recursive) {
        rt.io.stderr(`${rt.name}: ${display}: Is a directory\n`);
        failed = true;
        return;
      }
      for (const name of rt.system.fs.readdir(path)) {
        const child =
          display === '.' && operands.length === 0 ? name : `${display.replace(/\/$/, '')}/${name}`;
        if (rt.system.fs.tryStat(resolvePath(rt, child), false)?.type === 'symlink') continue;
        visit(child);
      }
      return;
    }
    try {
      files.push({ name: display, data: rt.system.fs.readFile(path) });
    } catch (err) {
      fileError(rt, display, err);
      failed = true;
    }
  };
  for (const operand of operands.length > 0 ? operands : ['.']) visit(operand);
  return { files, failed };
}

export const grep: Command = (rt) =>
  withUsage(
    rt,
    async () => {
      const program = rt.argv[0]?.split('/').pop();
      const args = parseArgs(rt, rt.argv.slice(1), {
        flags: 'ivncClLqsrREFwxohHIZa',
        withValue: 'efABCm',
        long: {
          'ignore-case': 'i',
          'invert-match': 'v',
          'line-number': 'n',
          count: 'c',
          'files-with-matches': 'l',
          quiet: 'q',
          silent: 'q',
          recursive: 'r',
          'extended-regexp': 'E',
          'fixed-strings': 'F',
          'word-regexp': 'w',
          'line-regexp': 'x',
          'only-matching': 'o',
          'no-filename': 'h',
          'with-filename': 'H',
          color: 'color',
          'color=': 'color',
          colour: 'color',
          'colour=': 'color',
        },
      });
      if (program === 'egrep') args.flags.add('E');
      if (program === 'fgrep') args.flags.add('F');
      const operands = [...args.operands];
      const patterns = args.values.has('e') ? [args.values.get('e') as string] : operands.splice(0, 1);
      if (patterns.length === 0) {
        rt.io.stderr(
          isBusybox(rt)
            ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n'
            : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
        );
        return 2;
      }
      const matcher = buildMatcher(patterns, args.flags);
      const recursive = args.flags.has('r') || args.flags.has('R');
      const fromStdin = operands.length === 0 && !recursive;
      const { files, failed } = fromStdin
        ? { files: [{ name: '(standard input)', data: await readInput(rt, '-') }], failed: false }
        : collectFiles(rt, operands, recursive);
      const showName =
        !args.flags.has('h') && (args.flags.has('H') || files.length > 1 || recursive || operands.length > 1);
      const limit = args.values.has('m') ? Number(args.values.get('m')) : Infinity;
      let anyMatch = false;
      for (const file of files) {
        const prefix = showName ? `${file.name}:` : '';
        const binary = file.data.includes(0);
        let count = 0;
        const out: string[] = [];
        for (const [i, line] of splitLines(decodeText(file.data)).entries()) {
          if (count >= limit) break;
          matcher.lastIndex = 0;
          const hit = matcher.test(line) !== args.flags.has('v');
          if (!hit) continue;
          count++;
          if (args.flags.has('o') && !args.flags.has('v')) {
            for (const m of line.matchAll(matcher))
              if (m[0]) out.push(`${prefix}${args.flags.has('n') ? `${i + 1}:` : ''}${m[0]}\n`);
          } else out.push(`${prefix}${args.flags.has('n') ? `${i + 1}:` : ''}${line}\n`);
        }
        if (count > 0) anyMatch = true;
        if (args.flags.has('q')) {
          if (anyMatch) return 0;
          continue;
        }
        if (args.flags.has('l')) {
          if (count > 0) rt.io.stdout(`${file.name}\n`);
        } else if (args.flags.has('L')) {
          if (count === 0) rt.io.stdout(`${file.name}\n`);
        } else if (args.flags.has('c')) rt.io.stdout(`${prefix}${count}\n`);
        else if (binary && count > 0 && !args.flags.has('a')) {
          if (isBusybox(rt)) rt.io.stdout(`Binary file ${file.name} matches\n`);
          else rt.io.stderr(`grep: ${file.name}: binary file matches\n`);
        } else rt.io.stdout(out.join(''));
      }
      if (failed && !(args.flags.has('q') && anyMatch)) return 2;
      return anyMatch ? 0 : 1;
    },
    2,
  );
