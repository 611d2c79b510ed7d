/** ps and kill over the processes the kubelet simulation reports, plus this session's own. */
import type { ProcessInfo } from '../shell/system.ts';
import { isBusybox, type Command, type CommandRuntime } from './command-kit.ts';
import { strftime } from './time-format.ts';
import { currentUser } from './users.ts';

interface Row {
  pid: number;
  ppid: number;
  user: string;
  command: string;
  startedAt: Date;
  cpuSeconds: number;
  rssKb: number;
  vszKb: number;
  stat: string;
  tty: string;
}

function rows(rt: CommandRuntime): Row[] {
  const now = rt.system.now();
  const tty = rt.io.stdinIsTty || rt.io.stdoutIsTty ? 'pts/0' : '?';
  const fromKubelet = rt.system.processes().map((p: ProcessInfo) => ({
    pid: p.pid,
    ppid: p.ppid ?? 0,
    user: p.user ?? 'root',
    command: p.command,
    startedAt: p.startedAt ?? now,
    cpuSeconds: p.cpuSeconds ?? 0,
    rssKb: p.rssKb ?? 4_096,
    vszKb: p.vszKb ?? 11_412,
    stat: p.stat ?? (p.pid === 1 ? 'Ss' : 'S'),
    tty: p.tty ?? '?',
  }));
  const user = currentUser(rt.system).name;
  const session = rt.system.runningPrograms().map((p) => ({
    pid: p.pid,
    ppid: p.ppid,
    user,
    command: p.command,
    startedAt: now,
    cpuSeconds: 0,
    rssKb: 3_584,
    vszKb: 4_608,
    stat: p.command.startsWith('ps') ? 'R+' : 'Ss',
    tty,
  }));
  return [...fromKubelet, ...session].sort((a, b) => a.pid - b.pid);
}

const minutesSeconds = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const hms = (s: number) =>
  [Math.floor(s / 3600), Math.floor((s % 3600) / 60), Math.floor(s % 60)]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
const comm = (command: string) =>
  (command.split(' ')[0] ?? '').split('/').pop()?.replace(/:$/, '') ?? command;

function startColumn(started: Date, now: Date): string {
  return now.getTime() - started.getTime() < 86_400_000
    ? strftime('%H:%M', started)
    : strftime('%b%d', started);
}

export const ps: Command = (rt) => {
  const all = rows(rt);
  const args = rt.argv.slice(1).join(' ');
  if (isBusybox(rt)) {
    const lines = all.map(
      (r) =>
        `${String(r.pid).padStart(5)} ${r.user.slice(0, 8).padEnd(8)} ${minutesSeconds(r.cpuSeconds).padStart(5)} ${r.command}`,
    );
    rt.io.stdout(['PID   USER     TIME  COMMAND', ...lines].map((l) => l + '\n').join(''));
    return 0;
  }
  const now = rt.system.now();
  if (/(^|\s)-?[a-z]*u[a-z]*x|(^|\s)-?aux/.test(args) || args === 'aux') {
    const total = 16_377_216;
    const lines = all.map(
      (r) =>
        `${r.user.slice(0, 8).padEnd(8)} ${String(r.pid).padStart(7)} ${'0.0'.padStart(4)} ${((r.rssKb / total) * 100).toFixed(1).padStart(4)} ${String(r.vszKb).padStart(6)} ${String(r.rssKb).padStart(5)} ${r.tty.padEnd(8)} ${r.stat.padEnd(4)} ${startColumn(r.startedAt, now).padStart(5)} ${minutesSeconds(r.cpuSeconds).padStart(6)} ${r.command}`,
    );
    rt.io.stdout(
      ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND', ...lines]
        .map((l) => l + '\n')
        .join(''),
    );
    return 0;
  }
  if (/-[a-zA-Z]*[ef]/.test(args)) {
    const full = /-[a-zA-Z]*f/.test(args);
    if (full) {
      const lines = all.map(
        (r) =>
          `${r.user.slice(0, 8).padEnd(8)} ${String(r.pid).padStart(7)} ${String(r.ppid).padStart(7)}  0 ${startColumn(r.startedAt, now).padStart(5)} ${r.tty.padEnd(8)} ${hms(r.cpuSeconds)} ${r.command}`,
      );
      rt.io.stdout(
        ['UID          PID    PPID  C STIME TTY          TIME CMD', ...lines].map((l) => l + '\n').join(''),
      );
      return 0;
    }
  }
  const everyone = /-[a-zA-Z]*[eA]/.test(args) || args.includes('ax');
  const tty = rt.io.stdinIsTty || rt.io.stdoutIsTty ? 'pts/0' : '?';
  const shown = everyone ? all : all.filter((r) => r.tty === tty);
  const lines = shown.map(
    (r) => `${String(r.pid).padStart(7)} ${r.tty.padEnd(8)} ${hms(r.cpuSeconds)} ${comm(r.command)}`,
  );
  rt.io.stdout(['    PID TTY          TIME CMD', ...lines].map((l) => l + '\n').join(''));
  return 0;
};

export const kill: Command = (rt) => {
  const args = rt.argv.slice(1);
  if (args[0] === '-l') {
    rt.io.stdout(
      ' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n',
    );
    return 0;
  }
  const pids = args.filter((a) => (/^-?\d+$/.test(a) && !/^-\d+$/.test(a) ? true : /^\d+$/.test(a)));
  if (pids.length === 0) {
    rt.io.stderr(
      isBusybox(rt)
        ? 'kill: usage: kill [-s SIGNAL | -SIGNAL] PID...\n'
        : 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    return isBusybox(rt) ? 1 : 2;
  }
  const known = new Set([
    ...rt.system.processes().map((p) => p.pid),
    ...rt.system.runningPrograms().map((p) => p.pid),
  ]);
  let status = 0;
  for (const pid of pids) {
    if (known.has(Number(pid))) continue;
    status = 1;
    if (rt.builtinOf === 'bash') rt.io.stderr(`bash: kill: (${pid}) - No such process\n`);
    else if (rt.builtinOf === 'ash') rt.io.stderr(`sh: can't kill pid ${pid}: No such process\n`);
    else rt.io.stderr(`kill: (${pid}): No such process\n`);
  }
  return status;
};
