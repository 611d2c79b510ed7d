/** What every command receives, and the helpers they share (options, errors, inputs). */
import type { FsError } from '../fs/fs-errors.ts';
import { isFsError } from '../fs/fs-errors.ts';
import { readAll } from '../shell/byte-io.ts';
import type { CommandIO, ContainerSystem, ShellFlavor } from '../shell/system.ts';

export interface CommandRuntime {
  /** argv[0] is the name the program was started as. */
  argv: string[];
  /** The program's own name for messages (`ls`, `tar` …). */
  name: string;
  env: Record<string, string>;
  cwd: string;
  io: CommandIO;
  system: ContainerSystem;
  /** Set when a shell runs this as its builtin (dash's echo differs from /bin/echo). */
  builtinOf?: ShellFlavor;
  /**
   * Runs another program found through PATH (env, xargs, find -exec); prints the caller's
   * "cannot execute" message and returns 127 when there is no such program.
   */
  spawn(argv: string[], options?: { io?: Partial<CommandIO>; env?: Record<string, string> }): Promise<number>;
}

export type Command = (rt: CommandRuntime) => Promise<number> | number;

/** Joins a relative path to the cwd for the file system. */
export function resolvePath(rt: CommandRuntime, path: string): string {
  if (path.startsWith('/')) return path;
  return rt.cwd === '/' ? `/${path}` : `${rt.cwd}/${path}`;
}

export function isBusybox(rt: CommandRuntime): boolean {
  return rt.system.toolset === 'busybox';
}

export function say(rt: CommandRuntime, text: string): void {
  rt.io.stdout(text);
}

export function complain(rt: CommandRuntime, text: string): void {
  rt.io.stderr(`${rt.name}: ${text}\n`);
}

/**
 * A file error in the style of the toolset: GNU coreutils write `ls: cannot access 'x': …`
 * or `cat: x: …`; busybox writes `ls: x: …` or `rm: can't remove 'x': …`.
 */
export function fileError(
  rt: CommandRuntime,
  path: string,
  err: unknown,
  verbs: { gnu?: string; busybox?: string } = {},
): void {
  const message = isFsError(err)
    ? (err as FsError).message
    : err instanceof Error
      ? err.message
      : String(err);
  const verb = isBusybox(rt) ? verbs.busybox : verbs.gnu;
  complain(rt, verb ? `${verb} '${path}': ${message}` : `${path}: ${message}`);
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

export interface FlagSpec {
  /** Single-letter flags without a value. */
  flags?: string;
  /** Single-letter options that take a value (`-n 5`, `-n5`). */
  withValue?: string;
  /** Long options mapped to a letter (or to themselves); a trailing `=` means it takes a value. */
  long?: Record<string, string>;
  /** Stop at the first operand (find, xargs, env, sh). */
  stopAtOperand?: boolean;
}

export class UsageError extends Error {}

/** getopt-style parsing; unknown options throw UsageError with the toolset's wording. */
export function parseArgs(rt: CommandRuntime, args: readonly string[], spec: FlagSpec): ParsedArgs {
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), operands: [] };
  const flags = spec.flags ?? '';
  const withValue = spec.withValue ?? '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      parsed.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && spec.long) {
      const [key = '', inline] = arg.slice(2).split(/=(.*)/s);
      const target = spec.long[key] ?? spec.long[`${key}=`];
      if (target === undefined)
        throw new UsageError(isBusybox(rt) ? `unrecognized option '${arg}'` : `unrecognized option '${arg}'`);
      if (spec.long[`${key}=`] !== undefined) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`option '${arg}' requires an argument`);
        parsed.values.set(target, value);
      } else parsed.flags.add(target);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !(/^-\d/.test(arg) && !flags.includes(arg[1] as string))) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string;
        if (withValue.includes(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined)
            throw new UsageError(
              isBusybox(rt)
                ? `option requires an argument -- '${letter}'`
                : `option requires an argument -- '${letter}'`,
            );
          parsed.values.set(letter, value);
          break;
        }
        if (!flags.includes(letter))
          throw new UsageError(
            isBusybox(rt) ? `unrecognized option: ${letter}` : `invalid option -- '${letter}'`,
          );
        parsed.flags.add(letter);
      }
      continue;
    }
    parsed.operands.push(arg);
    if (spec.stopAtOperand) {
      parsed.operands.push(...args.slice(i + 1));
      break;
    }
  }
  return parsed;
}

/** Prints a usage error the way the toolset does and returns its exit status. */
export function usageFailure(rt: CommandRuntime, err: UsageError, gnuStatus = 1): number {
  complain(rt, err.message);
  if (isBusybox(rt)) {
    rt.io.stderr(
      `BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: ${rt.name} [OPTIONS]\n`,
    );
    return 1;
  }
  rt.io.stderr(`Try '${rt.name} --help' for more information.\n`);
  return gnuStatus;
}

/** Runs a command body, turning UsageError into the toolset's usage message. */
export async function withUsage(
  rt: CommandRuntime,
  body: () => Promise<number> | number,
  gnuStatus = 1,
): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(rt, err, gnuStatus);
    throw err;
  }
}

/** Contents of an input operand: `-` (or nothing) is stdin, /dev/stdin too. */
export async function readInput(rt: CommandRuntime, operand: string | undefined): Promise<Uint8Array> {
  if (operand === undefined || operand === '-' || operand === '/dev/stdin' || operand === '/proc/self/fd/0')
    return readAll(rt.io.stdin);
  return rt.system.fs.readFile(resolvePath(rt, operand));
}

/** Calls `each` for every input (stdin when there are none), reporting unreadable files. */
export async function forEachInput(
  rt: CommandRuntime,
  operands: readonly string[],
  each: (data: Uint8Array, name: string) => void | Promise<void>,
  verbs: { gnu?: string; busybox?: string } = { busybox: "can't open" },
): Promise<number> {
  let status = 0;
  for (const operand of operands.length > 0 ? operands : ['-']) {
    let data: Uint8Array;
    try {
      data = await readInput(rt, operand);
    } catch (err) {
      if (!isFsError(err)) throw err;
      fileError(rt, operand, err, verbs);
      status = 1;
      continue;
    }
    await each(data, operand);
  }
  return status;
}

export function decodeText(data: Uint8Array): string {
  return new TextDecoder().decode(data);
}

/** Splits text into lines without their terminators (a final newline does not add a line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `ls -h`/`du -h`/`df -h` sizes: 4.0K, 12K, 1.5M (GNU rounds up, one decimal below 10). */
export function humanSize(bytes: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (value < 10) {
    const rounded = Math.ceil(value * 10) / 10;
    if (rounded < 10) return `${rounded.toFixed(1)}${units[unit]}`;
    value = rounded;
  }
  const whole = Math.ceil(value);
  if (whole >= 1024 && unit < units.length - 1) return `1.0${units[unit + 1]}`;
  return `${whole}${units[unit]}`;
}
