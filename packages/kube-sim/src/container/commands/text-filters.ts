/** Byte and line filters: cat, head, tail, wc, tee, tr, cut. */
import { concatBytes } from '../shell/byte-io.ts';
import {
  complain,
  decodeText,
  fileError,
  forEachInput,
  isBusybox,
  parseArgs,
  resolvePath,
  splitLines,
  withUsage,
  type Command,
  type CommandRuntime,
} from './command-kit.ts';

export const cat: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 'nuAvetsb' });
    const plain = !args.flags.has('n') && !args.flags.has('b');
    if (plain && args.operands.every((o) => o === '-')) {
      // Stream stdin chunk by chunk: on a terminal each line is echoed back as it is typed.
      for (let chunk = await rt.io.stdin.read(); chunk; chunk = await rt.io.stdin.read()) rt.io.stdout(chunk);
      return 0;
    }
    let lineNo = 0;
    return forEachInput(rt, args.operands, (data) => {
      if (!args.flags.has('n') && !args.flags.has('b')) {
        rt.io.stdout(data);
        return;
      }
      const text = decodeText(data);
      const lines = text.split('\n');
      const out = lines.map((line, i) => {
        if (i === lines.length - 1) return line;
        if (args.flags.has('b') && line === '') return '';
        return `${String(++lineNo).padStart(6)}\t${line}`;
      });
      rt.io.stdout(out.join('\n'));
    });
  });

/** Reads `-n`/`-c` counts for head and tail, including the historic `-5` and `+5` forms. */
function lineOrByteCount(
  rt: CommandRuntime,
  argv: string[],
): { args: ReturnType<typeof parseArgs>; bytes: boolean; count: string } {
  const normalized = argv.map((a, i) =>
    /^-\d+$/.test(a) && !/^-[nc]$/.test(argv[i - 1] ?? '') ? `-n${a.slice(1)}` : a,
  );
  const args = parseArgs(rt, normalized, {
    flags: 'qvfF',
    withValue: 'nc',
    long: { lines: 'n', bytes: 'c', 'lines=': 'n', 'bytes=': 'c', quiet: 'q', follow: 'f' },
  });
  const bytes = args.values.has('c');
  return { args, bytes, count: args.values.get(bytes ? 'c' : 'n') ?? '10' };
}

function header(rt: CommandRuntime, name: string, index: number, total: number, quiet: boolean): void {
  if (total > 1 && !quiet)
    rt.io.stdout(`${index > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
}

export const head: Command = (rt) =>
  withUsage(rt, async () => {
    const { args, bytes, count } = lineOrByteCount(rt, rt.argv.slice(1));
    const n = Number(count);
    let index = 0;
    return forEachInput(rt, args.operands, (data, name) => {
      header(rt, name, index++, args.operands.length, args.flags.has('q'));
      if (bytes) {
        rt.io.stdout(n < 0 ? data.subarray(0, Math.max(0, data.length + n)) : data.subarray(0, n));
        return;
      }
      rt.io.stdout(sliceLines(data, 0, n < 0 ? -n : undefined, n < 0 ? undefined : n));
    });
  });

/** Byte range of whole lines: skip `from` lines, keep `take` lines (or drop the last `dropLast`). */
function sliceLines(
  data: Uint8Array,
  from: number,
  dropLast: number | undefined,
  take: number | undefined,
): Uint8Array {
  const starts = [0];
  for (let i = 0; i < data.length; i++) if (data[i] === 0x0a && i + 1 < data.length) starts.push(i + 1);
  const lineCount = data.length === 0 ? 0 : starts.length;
  const begin = Math.min(from, lineCount);
  const end =
    dropLast !== undefined
      ? Math.max(begin, lineCount - dropLast)
      : Math.min(lineCount, begin + (take ?? lineCount));
  const startByte = begin < lineCount ? (starts[begin] as number) : data.length;
  const endByte = end < lineCount ? (starts[end] as number) : data.length;
  return data.subarray(startByte, endByte);
}

export const tail: Command = (rt) =>
  withUsage(rt, async () => {
    const argv = rt.argv.slice(1).map((a, i) => (i === 0 && /^\+\d+$/.test(a) ? `-n${a}` : a));
    const { args, bytes, count } = lineOrByteCount(rt, argv);
    const fromStart = count.startsWith('+');
    const n = Math.abs(Number(count));
    let index = 0;
    return forEachInput(rt, args.operands, (data, name) => {
      header(rt, name, index++, args.operands.length, args.flags.has('q'));
      if (bytes) {
        rt.io.stdout(
          fromStart ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n)),
        );
        return;
      }
      if (fromStart) {
        rt.io.stdout(sliceLines(data, Math.max(0, n - 1), undefined, undefined));
        return;
      }
      const total = data.length === 0 ? 0 : splitLines(decodeText(data)).length;
      rt.io.stdout(sliceLines(data, Math.max(0, total - n), undefined, undefined));
    });
  });

export const wc: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'lwcmL',
      long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' },
    });
    const wanted = ['l', 'w', 'c', 'm'].filter((f) => args.flags.has(f));
    const columns = wanted.length > 0 ? wanted : ['l', 'w', 'c'];
    const rows: { counts: number[]; name: string }[] = [];
    const status = await forEachInput(rt, args.operands, (data, name) => {
      const text = decodeText(data);
      const counts: Record<string, number> = {
        l: data.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0),
        w: text.split(/\s+/).filter((w) => w !== '').length,
        c: data.length,
        m: [...text].length,
      };
      rows.push({
        counts: columns.map((c) => counts[c] ?? 0),
        name: name === '-' && args.operands.length === 0 ? '' : name,
      });
    });
    if (rows.length > 1)
      rows.push({
        counts: columns.map((_, i) => rows.reduce((s, r) => s + (r.counts[i] ?? 0), 0)),
        name: 'total',
      });
    const single = columns.length === 1 && rows.length === 1;
    const fromStdin = args.operands.length === 0;
    const width = single
      ? 0
      : isBusybox(rt)
        ? 9
        : fromStdin
          ? 7
          : Math.max(...rows.map((r) => Math.max(...r.counts.map((c) => String(c).length))));
    for (const row of rows) {
      const counts = row.counts.map((c) => String(c).padStart(width));
      rt.io.stdout(`${counts.join(' ')}${row.name ? ` ${row.name}` : ''}\n`);
    }
    return status;
  });

export const tee: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
    const chunks: Uint8Array[] = [];
    for (let chunk = await rt.io.stdin.read(); chunk; chunk = await rt.io.stdin.read()) {
      chunks.push(chunk);
      rt.io.stdout(chunk);
    }
    let status = 0;
    for (const file of args.operands) {
      try {
        rt.system.fs.writeFile(resolvePath(rt, file), concatBytes(chunks), { append: args.flags.has('a') });
      } catch (err) {
        fileError(rt, file, err);
        status = 1;
      }
    }
    return status;
  });

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = (CLASSES.upper ?? '') + (CLASSES.lower ?? '');
CLASSES.alnum = (CLASSES.alpha ?? '') + (CLASSES.digit ?? '');

function expandSet(set: string): string[] {
  const text = set
    .replace(/\[:(\w+):\]/g, (all, name: string) => CLASSES[name] ?? all)
    .replace(/\\(n|t|r|\\)/g, (_a, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const to = chars[i + 2];
    if (chars[i + 1] === '-' && to !== undefined) {
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i += 2;
    } else out.push(c);
  }
  return out;
}

export const tr: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 'dsc' });
    const [set1, set2] = args.operands;
    if (set1 === undefined || (set2 === undefined && !args.flags.has('d') && !args.flags.has('s'))) {
      complain(rt, 'missing operand');
      return 1;
    }
    const from = expandSet(set1);
    const to = set2 !== undefined ? expandSet(set2) : [];
    const chunks: Uint8Array[] = [];
    for (let chunk = await rt.io.stdin.read(); chunk; chunk = await rt.io.stdin.read()) chunks.push(chunk);
    let out = '';
    let previous = '';
    for (const c of decodeText(concatBytes(chunks))) {
      const index = from.indexOf(c);
      let mapped = c;
      if (args.flags.has('d') && index >= 0) continue;
      if (!args.flags.has('d') && index >= 0 && to.length > 0)
        mapped = to[Math.min(index, to.length - 1)] as string;
      const squeezeSet = args.flags.has('d') ? to : to.length > 0 ? to : from;
      if (args.flags.has('s') && mapped === previous && squeezeSet.includes(mapped)) continue;
      out += mapped;
      previous = mapped;
    }
    rt.io.stdout(out);
    return 0;
  });

function parseRanges(list: string): (n: number) => boolean {
  const ranges = list.split(',').map((part) => {
    const [a, b] = part.split('-');
    if (b === undefined) return [Number(a), Number(a)] as const;
    return [a === '' ? 1 : Number(a), b === '' ? Infinity : Number(b)] as const;
  });
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

export const cut: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 's', withValue: 'dfcb' });
    const fields = args.values.get('f');
    const chars = args.values.get('c') ?? args.values.get('b');
    if (!fields && !chars) {
      complain(rt, 'you must specify a list of bytes, characters, or fields');
      return 1;
    }
    const delimiter = args.values.get('d') ?? '\t';
    const keep = parseRanges((fields ?? chars) as string);
    return forEachInput(rt, args.operands, (data) => {
      const out = splitLines(decodeText(data)).flatMap((line) => {
        if (chars) return [[...line].filter((_c, i) => keep(i + 1)).join('')];
        if (!line.includes(delimiter)) return args.flags.has('s') ? [] : [line];
        return [
          line
            .split(delimiter)
            .filter((_f, i) => keep(i + 1))
            .join(delimiter),
        ];
      });
      rt.io.stdout(out.map((l) => l + '\n').join(''));
    });
  });
