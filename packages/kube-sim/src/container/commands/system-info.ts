/** Who and where am I: env, printenv, hostname, uname, whoami, id, pwd, nproc, free, uptime. */
import {
  CPU_COUNT,
  KERNEL_RELEASE,
  KERNEL_VERSION,
  MACHINE,
  MEM_AVAILABLE_KB,
  MEM_BUFFERS_KB,
  MEM_CACHED_KB,
  MEM_FREE_KB,
  MEM_TOTAL_KB,
} from '../image/host-facts.ts';
import { complain, humanSize, isBusybox, parseArgs, withUsage, type Command } from './command-kit.ts';
import { strftime } from './time-format.ts';
import { currentUser } from './users.ts';

export const env: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'i0',
      withValue: 'u',
      long: { 'ignore-environment': 'i', 'unset=': 'u' },
      stopAtOperand: true,
    });
    const environment: Record<string, string> = args.flags.has('i') ? {} : { ...rt.env };
    if (args.values.has('u')) delete environment[args.values.get('u') as string];
    const operands = [...args.operands];
    while (operands[0]?.includes('=')) {
      const assignment = operands.shift() as string;
      const eq = assignment.indexOf('=');
      environment[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
    if (operands.length > 0) return rt.spawn(operands, { env: environment });
    rt.io.stdout(
      Object.entries(environment)
        .map(([k, v]) => `${k}=${v}${args.flags.has('0') ? '\0' : '\n'}`)
        .join(''),
    );
    return 0;
  });

export const printenv: Command = (rt) => {
  const names = rt.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    rt.io.stdout(
      Object.entries(rt.env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  }
  let status = 0;
  for (const name of names) {
    const value = rt.env[name];
    if (value === undefined) status = 1;
    else rt.io.stdout(value + '\n');
  }
  return status;
};

export const hostname: Command = (rt) => {
  const flag = rt.argv[1];
  if (flag === '-i' || flag === '-I') {
    const hosts = (() => {
      try {
        return rt.system.fs.readText('/etc/hosts');
      } catch {
        return '';
      }
    })();
    const line = hosts
      .split('\n')
      .find((l) => !l.startsWith('#') && l.split(/\s+/).slice(1).includes(rt.system.hostname));
    rt.io.stdout(`${line?.split(/\s+/)[0] ?? '127.0.0.1'}${flag === '-I' ? ' ' : ''}\n`);
    return 0;
  }
  if (flag !== undefined && !flag.startsWith('-')) {
    complain(
      rt,
      isBusybox(rt) ? 'sethostname: Operation not permitted' : 'you must be root to change the host name',
    );
    return 1;
  }
  rt.io.stdout((flag === '-s' ? (rt.system.hostname.split('.')[0] ?? '') : rt.system.hostname) + '\n');
  return 0;
};

export const uname: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'asnrvmopi',
      long: {
        all: 'a',
        'kernel-name': 's',
        nodename: 'n',
        'kernel-release': 'r',
        'kernel-version': 'v',
        machine: 'm',
        'operating-system': 'o',
      },
    });
    const f = args.flags;
    const all = f.has('a');
    const parts: string[] = [];
    if (all || f.has('s') || f.size === 0) parts.push('Linux');
    if (all || f.has('n')) parts.push(rt.system.hostname);
    if (all || f.has('r')) parts.push(KERNEL_RELEASE);
    if (all || f.has('v')) parts.push(KERNEL_VERSION);
    if (all || f.has('m')) parts.push(MACHINE);
    if (!all && f.has('p')) parts.push(isBusybox(rt) ? MACHINE : 'unknown');
    if (!all && f.has('i')) parts.push(isBusybox(rt) ? MACHINE : 'unknown');
    if (all || f.has('o')) parts.push(isBusybox(rt) ? 'Linux' : 'GNU/Linux');
    rt.io.stdout(parts.join(' ') + '\n');
    return 0;
  });

export const whoami: Command = (rt) => {
  rt.io.stdout(currentUser(rt.system).name + '\n');
  return 0;
};

function groupsOf(rt: Parameters<Command>[0], name: string, gid: number): { gid: number; name: string }[] {
  const groups: { gid: number; name: string }[] = [];
  let text = '';
  try {
    text = rt.system.fs.readText('/etc/group');
  } catch {
    /* no /etc/group: only the primary group */
  }
  const all = text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((p) => p[0]);
  const primary = all.find((p) => Number(p[2]) === gid);
  groups.push({ gid, name: primary?.[0] ?? String(gid) });
  if (isBusybox(rt)) {
    for (const p of all) {
      if ((p[3] ?? '').split(',').includes(name) && Number(p[2]) !== gid)
        groups.push({ gid: Number(p[2]), name: p[0] as string });
    }
  }
  return groups;
}

export const id: Command = (rt) => {
  const user = currentUser(rt.system);
  const flags = rt.argv.slice(1).join('');
  const groups = groupsOf(rt, user.name, user.gid);
  const named = flags.includes('n');
  if (flags.includes('u')) rt.io.stdout(`${named ? user.name : user.uid}\n`);
  else if (flags.includes('G')) rt.io.stdout(groups.map((g) => (named ? g.name : g.gid)).join(' ') + '\n');
  else if (flags.includes('g')) rt.io.stdout(`${named ? (groups[0]?.name ?? user.gid) : user.gid}\n`);
  else
    rt.io.stdout(
      `uid=${user.uid}(${user.name}) gid=${user.gid}(${groups[0]?.name}) groups=${groups.map((g) => `${g.gid}(${g.name})`).join(',')}\n`,
    );
  return 0;
};

export const pwd: Command = (rt) => {
  const physical = rt.argv.includes('-P');
  rt.io.stdout((physical ? rt.system.fs.realpath(rt.cwd) : rt.cwd) + '\n');
  return 0;
};

export const nproc: Command = (rt) => {
  rt.io.stdout(`${CPU_COUNT}\n`);
  return 0;
};

export const free: Command = (rt) => {
  const flags = rt.argv.slice(1).join('');
  const cache = MEM_BUFFERS_KB + MEM_CACHED_KB;
  const used = MEM_TOTAL_KB - MEM_FREE_KB - cache;
  const fmt = (kb: number) =>
    flags.includes('h')
      ? kb === 0
        ? '0B'
        : humanSize(kb * 1024).replace(/([KMGT])$/, '$1i')
      : flags.includes('m')
        ? String(Math.floor(kb / 1024))
        : flags.includes('g')
          ? String(Math.floor(kb / 1024 / 1024))
          : String(kb);
  const row = (label: string, cells: number[]) =>
    label.padEnd(7) + cells.map((c) => fmt(c).padStart(12)).join('');
  rt.io.stdout(
    [
      '       ' +
        ['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join(''),
      row('Mem:', [MEM_TOTAL_KB, used, MEM_FREE_KB, 4_480, cache, MEM_AVAILABLE_KB]),
      row('Swap:', [0, 0, 0]),
    ].join('\n') + '\n',
  );
  return 0;
};

export const uptime: Command = (rt) => {
  const now = rt.system.now();
  const started = rt.system
    .processes()
    .reduce((min, p) => (p.startedAt && p.startedAt < min ? p.startedAt : min), now);
  const upMinutes = Math.floor((now.getTime() - started.getTime()) / 60_000) + 3 * 24 * 60 + 4 * 60 + 17;
  const days = Math.floor(upMinutes / 1440);
  const hm = `${Math.floor((upMinutes % 1440) / 60)}:${String(upMinutes % 60).padStart(2, '0')}`;
  const users = isBusybox(rt) ? ' ' : '  0 users, ';
  rt.io.stdout(
    ` ${strftime('%H:%M:%S', now)} up ${days} days, ${hm.padStart(5)},${users} load average: 0.31, 0.42, 0.38\n`,
  );
  return 0;
};
