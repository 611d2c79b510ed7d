/** du and df: space accounting of the container's tree and the mounts it sees. */
import { containerMounts } from '../image/host-facts.ts';
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

function formatKb(kb: number, args: { flags: Set<string> }): string {
  if (args.flags.has('h')) return humanSize(kb * 1024);
  if (args.flags.has('m')) return String(Math.ceil(kb / 1024));
  return String(kb);
}

export const du: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'shackmxL',
      withValue: 'd',
      long: { summarize: 's', 'human-readable': 'h', all: 'a', total: 'c', 'max-depth=': 'd' },
    });
    const maxDepth = args.flags.has('s') ? 0 : args.values.has('d') ? Number(args.values.get('d')) : Infinity;
    const fs = rt.system.fs;
    let status = 0;
    let grand = 0;
    const lines: string[] = [];
    const visit = (display: string, path: string, depth: number): number => {
      const st = fs.lstat(path);
      let kb = st.blocks / 2;
      if (st.type === 'dir') {
        for (const name of fs.readdir(path)) {
          kb += visit(
            `${display.replace(/\/$/, '')}/${name}`,
            `${path === '/' ? '' : path}/${name}`,
            depth + 1,
          );
        }
        if (depth <= maxDepth) lines.push(`${formatKb(kb, args)}\t${display}`);
      } else if ((args.flags.has('a') && depth <= maxDepth) || depth === 0)
        lines.push(`${formatKb(kb, args)}\t${display}`);
      return kb;
    };
    for (const operand of args.operands.length > 0 ? args.operands : ['.']) {
      try {
        grand += visit(operand, resolvePath(rt, operand), 0);
      } catch (err) {
        fileError(rt, operand, err, { gnu: 'cannot access' });
        status = 1;
      }
    }
    if (args.flags.has('c')) lines.push(`${formatKb(grand, args)}\ttotal`);
    rt.io.stdout(lines.map((l) => l + '\n').join(''));
    return status;
  });

function dfRows(rt: CommandRuntime, human: boolean): string[][] {
  return containerMounts()
    .filter((m) => m.target !== '/proc/acpi' && m.target !== '/sys/firmware')
    .map((m) => {
      const reserved = m.fstype === 'tmpfs' ? 0 : Math.floor(m.sizeKb * 0.05);
      const avail = Math.max(0, m.sizeKb - m.usedKb - reserved);
      const pct = m.usedKb === 0 ? 0 : Math.ceil((m.usedKb / (m.usedKb + avail)) * 100);
      const size = (kb: number) => (human ? humanSize(kb * 1024).replace(/^0$/, '0') : String(kb));
      if (human && isBusybox(rt)) {
        const bb = (kb: number) =>
          kb === 0 ? '0' : humanSize(kb * 1024).replace(/^(\d+)([KMGT])$/, '$1.0$2');
        return [m.source, bb(m.sizeKb), bb(m.usedKb), bb(avail), `${pct}%`, m.target];
      }
      return [m.source, size(m.sizeKb), size(m.usedKb), size(avail), `${pct}%`, m.target];
    });
}

export const df: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 'hkPTa', long: { 'human-readable': 'h' } });
    const human = args.flags.has('h');
    const rows = dfRows(rt, human);
    if (isBusybox(rt)) {
      const header = human
        ? 'Filesystem                Size      Used Available Use% Mounted on'
        : 'Filesystem           1K-blocks      Used Available Use% Mounted on';
      const out = rows.map(
        (r) =>
          `${(r[0] ?? '').padEnd(20)} ${(r[1] ?? '').padStart(9)} ${(r[2] ?? '').padStart(9)} ${(r[3] ?? '').padStart(9)} ${(r[4] ?? '').padStart(4)} ${r[5]}`,
      );
      rt.io.stdout([header, ...out].map((l) => l + '\n').join(''));
      return 0;
    }
    const headers = [
      'Filesystem',
      human ? 'Size' : '1K-blocks',
      'Used',
      human ? 'Avail' : 'Available',
      'Use%',
      'Mounted on',
    ];
    const all = [headers, ...rows];
    const widths = headers.map((_h, i) =>
      Math.max(...all.map((r) => (r[i] ?? '').length), i === 0 ? 14 : human && i <= 3 ? 5 : 0),
    );
    const out = all.map((r) =>
      r
        .map((cell, i) =>
          i === 0 ? cell.padEnd(widths[0] ?? 0) : i === 5 ? cell : cell.padStart(widths[i] ?? 0),
        )
        .join(' '),
    );
    rt.io.stdout(out.map((l) => l + '\n').join(''));
    return 0;
  });
