/** Small utilities: true, false, sleep, which, clear, basename, dirname, readlink, realpath, seq, yes, xargs. */
import { baseName, dirName } from '../fs/fs-path.ts';
import { readAll } from '../shell/byte-io.ts';
import { complain, decodeText, isBusybox, resolvePath, type Command } from './command-kit.ts';

export const trueCommand: Command = () => 0;
export const falseCommand: Command = () => 1;

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleep: Command = async (rt) => {
  const args = rt.argv.slice(1);
  if (args.length === 0) {
    complain(rt, 'missing operand');
    return 1;
  }
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') {
      total = Infinity;
      continue;
    }
    const m = /^(\d*\.?\d+)([smhd]?)$/.exec(arg);
    if (!m) {
      complain(rt, isBusybox(rt) ? `invalid number '${arg}'` : `invalid time interval '${arg}'`);
      return 1;
    }
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 1000);
  }
  await rt.system.sleep(total);
  return 0;
};

export const which: Command = (rt) => {
  const all = rt.argv.includes('-a');
  let status = 0;
  for (const name of rt.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const dirs = name.includes('/') ? [''] : (rt.env.PATH ?? '').split(':');
    const found: string[] = [];
    for (const dir of dirs) {
      const candidate = dir === '' ? name : `${dir}/${name}`;
      const st = rt.system.fs.tryStat(resolvePath(rt, candidate));
      if (st?.type === 'file' && st.mode & 0o111) found.push(candidate);
      if (found.length > 0 && !all) break;
    }
    if (found.length === 0) status = 1;
    rt.io.stdout(found.map((f) => f + '\n').join(''));
  }
  return status;
};

export const clear: Command = (rt) => {
  rt.io.stdout('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

export const basename: Command = (rt) => {
  const [path, suffix] = rt.argv.slice(1);
  if (path === undefined) {
    complain(rt, 'missing operand');
    return 1;
  }
  let base = baseName(path);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  rt.io.stdout(base + '\n');
  return 0;
};

export const dirname: Command = (rt) => {
  const paths = rt.argv.slice(1);
  if (paths.length === 0) {
    complain(rt, 'missing operand');
    return 1;
  }
  rt.io.stdout(paths.map((p) => dirName(p) + '\n').join(''));
  return 0;
};

export const readlink: Command = (rt) => {
  const canonical = rt.argv.some((a) => /^-[a-z]*[fem]/.test(a));
  let status = 0;
  for (const path of rt.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    try {
      rt.io.stdout(
        (canonical
          ? rt.system.fs.realpath(resolvePath(rt, path))
          : rt.system.fs.readlink(resolvePath(rt, path))) + '\n',
      );
    } catch {
      status = 1;
    }
  }
  return status;
};

export const realpath: Command = (rt) => {
  let status = 0;
  for (const path of rt.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    try {
      rt.io.stdout(rt.system.fs.realpath(resolvePath(rt, path)) + '\n');
    } catch (err) {
      complain(rt, `${path}: ${(err as Error).message}`);
      status = 1;
    }
  }
  return status;
};

export const seq: Command = (rt) => {
  const args = [...rt.argv.slice(1)];
  let separator = '\n';
  let equalWidth = false;
  for (let i = 0; i < args.length;) {
    if (args[i] === '-s') {
      separator = args[i + 1] ?? '\n';
      args.splice(i, 2);
    } else if (args[i] === '-w') {
      equalWidth = true;
      args.splice(i, 1);
    } else i++;
  }
  const nums = args.map(Number);
  if (nums.length === 0 || nums.some((n) => Number.isNaN(n))) {
    complain(
      rt,
      nums.length === 0
        ? 'missing operand'
        : `invalid floating point argument: '${args.find((a) => Number.isNaN(Number(a)))}'`,
    );
    return 1;
  }
  const [first, step, last] =
    nums.length === 1
      ? [1, 1, nums[0] as number]
      : nums.length === 2
        ? [nums[0] as number, 1, nums[1] as number]
        : (nums as [number, number, number]);
  const out: string[] = [];
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
    out.push(String(n));
    if (out.length > 1_000_000 || step === 0) break;
  }
  const width = Math.max(...out.map((o) => o.length));
  rt.io.stdout(
    out.map((o) => (equalWidth ? o.padStart(width, '0') : o)).join(separator) + (out.length > 0 ? '\n' : ''),
  );
  return 0;
};

/** `yes` is endless in reality; a pipeline here runs stages in turn, so it stops after 64 KiB. */
export const yes: Command = (rt) => {
  const line = (rt.argv.slice(1).join(' ') || 'y') + '\n';
  rt.io.stdout(line.repeat(Math.max(1, Math.floor(65_536 / line.length))));
  return 0;
};

export const xargs: Command = async (rt) => {
  const args = [...rt.argv.slice(1)];
  let perCommand = Infinity;
  let replace: string | undefined;
  while (args[0]?.startsWith('-')) {
    const opt = args.shift() as string;
    if (opt === '-n') perCommand = Number(args.shift());
    else if (opt.startsWith('-n')) perCommand = Number(opt.slice(2));
    else if (opt === '-I') replace = args.shift();
    else if (opt === '-0' || opt === '-r' || opt === '-t') continue;
  }
  const command = args.length > 0 ? args : ['echo'];
  const input = decodeText(await readAll(rt.io.stdin));
  const items =
    replace !== undefined
      ? input.split('\n').filter((l) => l !== '')
      : (input.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
  if (items.length === 0) return rt.argv.includes('-r') ? 0 : rt.spawn(command);
  let status = 0;
  if (replace !== undefined) {
    for (const item of items)
      if ((await rt.spawn(command.map((c) => c.replaceAll(replace, item)))) !== 0) status = 123;
    return status;
  }
  for (let i = 0; i < items.length; i += perCommand === Infinity ? items.length : perCommand) {
    const batch = items.slice(i, perCommand === Infinity ? undefined : i + perCommand);
    if ((await rt.spawn([...command, ...batch])) !== 0) status = 123;
  }
  return status;
};
