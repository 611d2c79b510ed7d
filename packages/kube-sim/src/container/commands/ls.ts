/** ls, with GNU coreutils and busybox long-listing layouts and terminal-width columns. */
import { compareBytes } from '../fs/container-fs.ts';
import { modeString, type FileStat } from '../fs/fs-nodes.ts';
import {
  fileError,
  humanSize,
  isBusybox,
  parseArgs,
  resolvePath,
  withUsage,
  type Command,
  type CommandRuntime,
} from './command-kit.ts';
import { lsTime } from './time-format.ts';
import { groupName, userName } from './users.ts';

interface Entry {
  /** Name as displayed (operand text for command-line files). */
  name: string;
  stat: FileStat;
}

type Flags = Set<string>;

function suffix(st: FileStat, flags: Flags): string {
  if (flags.has('F')) {
    if (st.type === 'dir') return '/';
    if (st.type === 'symlink') return '@';
    if (st.type === 'file' && st.mode & 0o111) return '*';
  }
  if (flags.has('p') && st.type === 'dir') return '/';
  return '';
}

function sortEntries(entries: Entry[], flags: Flags): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (flags.has('t'))
      return b.stat.mtime.getTime() - a.stat.mtime.getTime() || compareBytes(a.name, b.name);
    if (flags.has('S')) return b.stat.size - a.stat.size || compareBytes(a.name, b.name);
    return compareBytes(a.name, b.name);
  });
  return flags.has('r') ? sorted.reverse() : sorted;
}

function longLines(rt: CommandRuntime, entries: Entry[], flags: Flags): string[] {
  const busybox = isBusybox(rt);
  const now = rt.system.now();
  const rows = entries.map(({ name, stat }) => {
    const size = stat.rdev
      ? `${stat.rdev.major}, ${stat.rdev.minor}`
      : flags.has('h')
        ? humanSize(stat.size)
        : String(stat.size);
    const owner = flags.has('n') ? String(stat.uid) : userName(rt.system, stat.uid);
    const group = flags.has('n') ? String(stat.gid) : groupName(rt.system, stat.gid);
    const link = stat.type === 'symlink' && stat.linkTarget !== undefined ? ` -> ${stat.linkTarget}` : '';
    return {
      inode: flags.has('i') ? `${stat.ino} ` : '',
      mode: modeString(stat.type, stat.mode),
      links: String(stat.nlink),
      owner,
      group,
      size,
      time: lsTime(stat.mtime, now, busybox),
      name: name + link + (link ? '' : suffix(stat, flags)),
    };
  });
  if (busybox) {
    return rows.map(
      (r) =>
        `${r.inode}${r.mode.padEnd(10)} ${r.links.padStart(4)} ${r.owner.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${r.size.padStart(9)} ${r.time} ${r.name}`,
    );
  }
  const width = (key: 'links' | 'owner' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[key].length));
  const [wl, wo, wg, ws] = [width('links'), width('owner'), width('group'), width('size')];
  return rows.map(
    (r) =>
      `${r.inode}${r.mode} ${r.links.padStart(wl)} ${r.owner.padEnd(wo)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.time} ${r.name}`,
  );
}

/** Column-major layout that fits the terminal, like `ls` on a tty. */
export function columnLayout(names: string[], lineWidth: number): string[] {
  if (names.length === 0) return [];
  const lengths = names.map((n) => [...n].length);
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(lineWidth / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const slice = lengths.slice(c * rows, (c + 1) * rows);
      widths.push(slice.length > 0 ? Math.max(...slice) : 0);
    }
    const used = widths.filter((w) => w > 0);
    const total = used.reduce((s, w) => s + w, 0) + 2 * (used.length - 1);
    if (total > lineWidth && cols > 1) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < cols; c++) {
        const name = names[c * rows + r];
        if (name === undefined) continue;
        const next = names[(c + 1) * rows + r];
        line += next === undefined ? name : name + ' '.repeat((widths[c] ?? 0) - [...name].length + 2);
      }
      lines.push(line);
    }
    return lines;
  }
  return names;
}

function render(rt: CommandRuntime, entries: Entry[], flags: Flags): string {
  if (flags.has('l') || flags.has('n'))
    return longLines(rt, entries, flags)
      .map((l) => l + '\n')
      .join('');
  const names = entries.map((e) => (flags.has('i') ? `${e.stat.ino} ` : '') + e.name + suffix(e.stat, flags));
  const columns = !flags.has('1') && (rt.io.stdoutIsTty || flags.has('C') || flags.has('x'));
  const lines = columns ? columnLayout(names, rt.system.terminalSize()?.cols ?? 80) : names;
  return lines.map((l) => l + '\n').join('');
}

function listDirectory(rt: CommandRuntime, display: string, flags: Flags): Entry[] {
  const path = resolvePath(rt, display);
  const fs = rt.system.fs;
  const entries: Entry[] = [];
  if (flags.has('a')) {
    entries.push({ name: '.', stat: fs.stat(path) }, { name: '..', stat: fs.stat(`${path}/..`) });
  }
  for (const name of fs.readdir(path)) {
    if (name.startsWith('.') && !flags.has('a') && !flags.has('A')) continue;
    const child = `${path === '/' ? '' : path}/${name}`;
    entries.push({ name, stat: flags.has('L') ? (fs.tryStat(child) ?? fs.lstat(child)) : fs.lstat(child) });
  }
  return sortEntries(entries, flags);
}

export const ls: Command = (rt) =>
  withUsage(
    rt,
    () => {
      const args = parseArgs(rt, rt.argv.slice(1), {
        flags: 'laAh1dRtSrnipFLCxgo',
        long: {
          all: 'a',
          'almost-all': 'A',
          'human-readable': 'h',
          directory: 'd',
          recursive: 'R',
          reverse: 'r',
          color: 'color',
          'color=': 'color',
          'full-time': 'l',
        },
      });
      const flags = args.flags;
      if (flags.has('g') || flags.has('o')) flags.add('l');
      const operands = args.operands.length > 0 ? args.operands : ['.'];
      const fs = rt.system.fs;
      let status = 0;
      const files: Entry[] = [];
      const dirs: string[] = [];
      for (const operand of operands) {
        const path = resolvePath(rt, operand);
        try {
          const lst = fs.lstat(path);
          const followed =
            lst.type === 'symlink' && !(flags.has('l') && !operand.endsWith('/'))
              ? (fs.tryStat(path) ?? lst)
              : lst;
          if (followed.type === 'dir' && !flags.has('d')) dirs.push(operand);
          else files.push({ name: operand, stat: followed });
        } catch (err) {
          fileError(rt, operand, err, { gnu: 'cannot access' });
          status = isBusybox(rt) ? 1 : 2;
        }
      }
      let out = render(rt, sortEntries(files, flags), flags);
      const queue = dirs.sort(compareBytes);
      const labelled = operands.length > 1 || flags.has('R');
      let first = files.length === 0;
      while (queue.length > 0) {
        const dir = queue.shift() as string;
        if (!first) out += '\n';
        first = false;
        if (labelled) out += `${dir}:\n`;
        let entries: Entry[];
        try {
          entries = listDirectory(rt, dir, flags);
        } catch (err) {
          fileError(rt, dir, err, { gnu: 'cannot open directory' });
          status = isBusybox(rt) ? 1 : 2;
          continue;
        }
        if (flags.has('l')) {
          const kb = entries.reduce((sum, e) => sum + e.stat.blocks, 0) / 2;
          out += `total ${flags.has('h') && !isBusybox(rt) ? humanSize(kb * 1024) : kb}\n`;
        }
        out += render(rt, entries, flags);
        if (flags.has('R')) {
          const subdirs = entries
            .filter((e) => e.stat.type === 'dir' && e.name !== '.' && e.name !== '..')
            .map((e) => (dir === '/' ? `/${e.name}` : `${dir}/${e.name}`));
          queue.unshift(...subdirs);
        }
      }
      rt.io.stdout(out);
      return status;
    },
    2,
  );
