/** sort and uniq: the usual partners of grep in a pipeline. */
import {
  complain,
  decodeText,
  forEachInput,
  parseArgs,
  splitLines,
  withUsage,
  type Command,
} from './command-kit.ts';

function sortKey(line: string, field: number | undefined, separator: string | undefined): string {
  if (field === undefined) return line;
  const parts = separator !== undefined ? line.split(separator) : line.trim().split(/\s+/);
  return parts.slice(field - 1).join(separator ?? ' ');
}

export const sort: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'rnufbhV',
      withValue: 'kto',
      long: { reverse: 'r', unique: 'u', 'numeric-sort': 'n', 'ignore-case': 'f', 'human-numeric-sort': 'h' },
    });
    const lines: string[] = [];
    const status = await forEachInput(rt, args.operands, (data) => {
      lines.push(...splitLines(decodeText(data)));
    });
    const field = args.values.has('k') ? Number.parseInt(args.values.get('k') as string, 10) : undefined;
    const separator = args.values.get('t');
    const numeric = args.flags.has('n') || args.flags.has('h');
    const fold = args.flags.has('f');
    const key = (line: string) => {
      const k = sortKey(line, field, separator);
      return fold ? k.toUpperCase() : k;
    };
    const compare = (a: string, b: string): number => {
      const ka = key(a);
      const kb = key(b);
      if (numeric) {
        const diff = (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
        if (diff !== 0) return diff;
      } else if (ka !== kb) return ka < kb ? -1 : 1;
      return a < b ? -1 : a > b ? 1 : 0;
    };
    let sorted = lines.sort(compare);
    if (args.flags.has('r')) sorted.reverse();
    if (args.flags.has('u'))
      sorted = sorted.filter((line, i) => i === 0 || compare(sorted[i - 1] as string, line) !== 0);
    const text = sorted.map((l) => l + '\n').join('');
    const output = args.values.get('o');
    if (output) rt.system.fs.writeFile(output.startsWith('/') ? output : `${rt.cwd}/${output}`, text);
    else rt.io.stdout(text);
    return status;
  });

export const uniq: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'cdui',
      long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' },
    });
    const [input, output] = args.operands;
    if (output !== undefined) {
      complain(rt, 'writing to an output file is not supported here');
      return 1;
    }
    return forEachInput(rt, input === undefined ? [] : [input], (data) => {
      const groups: { line: string; count: number }[] = [];
      const same = (a: string, b: string) =>
        args.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b;
      for (const line of splitLines(decodeText(data))) {
        const last = groups[groups.length - 1];
        if (last && same(last.line, line)) last.count++;
        else groups.push({ line, count: 1 });
      }
      const out = groups
        .filter((g) => (args.flags.has('d') ? g.count > 1 : args.flags.has('u') ? g.count === 1 : true))
        .map((g) => (args.flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`));
      rt.io.stdout(out.join(''));
    });
  });
