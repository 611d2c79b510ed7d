/** stat(1): the default multi-line report and `-c FORMAT`. */
import { modeString, type FileStat } from '../fs/fs-nodes.ts';
import {
  fileError,
  isBusybox,
  parseArgs,
  resolvePath,
  withUsage,
  type Command,
  type CommandRuntime,
} from './command-kit.ts';
import { statTime } from './time-format.ts';
import { groupName, userName } from './users.ts';

function fileTypeName(st: FileStat): string {
  switch (st.type) {
    case 'file':
      return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'chardev':
      return 'character special file';
  }
}

function formatStat(rt: CommandRuntime, format: string, st: FileStat, name: string): string {
  const octal = (st.mode & 0o7777).toString(8);
  const fields: Record<string, () => string> = {
    n: () => name,
    N: () => (st.linkTarget !== undefined ? `'${name}' -> '${st.linkTarget}'` : `'${name}'`),
    s: () => String(st.size),
    b: () => String(st.blocks),
    B: () => '512',
    o: () => '4096',
    a: () => octal,
    A: () => modeString(st.type, st.mode),
    f: () =>
      (
        (st.type === 'dir'
          ? 0o040000
          : st.type === 'symlink'
            ? 0o120000
            : st.type === 'chardev'
              ? 0o020000
              : 0o100000) | st.mode
      ).toString(16),
    F: () => fileTypeName(st),
    u: () => String(st.uid),
    U: () => userName(rt.system, st.uid),
    g: () => String(st.gid),
    G: () => groupName(rt.system, st.gid),
    h: () => String(st.nlink),
    i: () => String(st.ino),
    x: () => statTime(st.mtime),
    y: () => statTime(st.mtime),
    z: () => statTime(st.mtime),
    w: () => '-',
    X: () => String(Math.floor(st.mtime.getTime() / 1000)),
    Y: () => String(Math.floor(st.mtime.getTime() / 1000)),
    Z: () => String(Math.floor(st.mtime.getTime() / 1000)),
    '%': () => '%',
  };
  return format
    .replace(/%([a-zA-Z%])/g, (all, c: string) => fields[c]?.() ?? all)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

function defaultReport(rt: CommandRuntime, st: FileStat, name: string): string {
  const busybox = isBusybox(rt);
  const fileLine =
    st.linkTarget !== undefined
      ? `  File: ${busybox ? `'${name}' -> '${st.linkTarget}'` : `${name} -> ${st.linkTarget}`}`
      : `  File: ${name}`;
  const device = busybox ? 'Device: 10001fh/1048607d' : 'Device: 0,123';
  const deviceType = st.rdev ? ` Device type: ${st.rdev.major},${st.rdev.minor}` : '';
  const lines = [
    fileLine,
    `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: ${'4096'.padEnd(6)} ${fileTypeName(st)}`,
    `${device}\tInode: ${String(st.ino).padEnd(11)} Links: ${st.nlink}${deviceType}`,
    `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st.type, st.mode)})  Uid: (${String(st.uid).padStart(5)}/${userName(rt.system, st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${groupName(rt.system, st.gid).padStart(8)})`,
    `Access: ${statTime(st.mtime)}`,
    `Modify: ${statTime(st.mtime)}`,
    `Change: ${statTime(st.mtime)}`,
  ];
  if (!busybox) lines.push(' Birth: -');
  return lines.join('\n') + '\n';
}

export const stat: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'Ltf',
      withValue: 'c',
      long: { dereference: 'L', 'format=': 'c', 'printf=': 'c' },
    });
    if (args.operands.length === 0) {
      rt.io.stderr(
        isBusybox(rt)
          ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: stat [-lt] FILE...\n'
          : "stat: missing operand\nTry 'stat --help' for more information.\n",
      );
      return 1;
    }
    let status = 0;
    for (const name of args.operands) {
      try {
        const path = resolvePath(rt, name);
        const st = args.flags.has('L') ? rt.system.fs.stat(path) : rt.system.fs.lstat(path);
        const format = args.values.get('c');
        rt.io.stdout(
          format !== undefined ? formatStat(rt, format, st, name) + '\n' : defaultReport(rt, st, name),
        );
      } catch (err) {
        fileError(rt, name, err, { gnu: 'cannot statx', busybox: "can't stat" });
        status = 1;
      }
    }
    return status;
  });
