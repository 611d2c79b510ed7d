/**
 * The tar command: create (`tar cf - path`), extract (`tar -xmf - -C dir`, what kubectl cp
 * runs) and list, with GNU tar's or busybox's messages and exit statuses.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { compareBytes } from '../fs/container-fs.ts';
import { isFsError } from '../fs/fs-errors.ts';
import { modeString } from '../fs/fs-nodes.ts';
import { normalizePath } from '../fs/fs-path.ts';
import { concatBytes, readAll } from '../shell/byte-io.ts';
import { isBusybox, resolvePath, type Command, type CommandRuntime } from '../commands/command-kit.ts';
import { strftime } from '../commands/time-format.ts';
import { groupName, passwd, userName } from '../commands/users.ts';
import { matchPattern } from '../shell/glob.ts';
import { collectEntries, extractEntry, type ArchiveNames, type TarProblem } from './tar-archive.ts';
import { TarFormatError, decodeArchive, encodeEnd, encodeEntry, type TarEntry } from './tar-format.ts';
import { TarUsageError, parseTarArgs, type TarOptions } from './tar-options.ts';

function archiveNames(rt: CommandRuntime): ArchiveNames {
  const users = passwd(rt.system);
  return {
    userName: (uid) => userName(rt.system, uid),
    groupName: (gid) => groupName(rt.system, gid),
    uidOf: (name) => users.find((u) => u.name === name)?.uid,
    gidOf: (name) => users.find((u) => u.name === name)?.gid,
  };
}

/** Messages differ between GNU tar and busybox tar; so does the exit status after errors. */
class TarReporter {
  readonly rt: CommandRuntime;
  failed = false;
  private warnedLeadingSlash = false;

  constructor(rt: CommandRuntime) {
    this.rt = rt;
  }

  error(text: string): void {
    this.rt.io.stderr(`tar: ${text}\n`);
  }

  fatal(text: string): number {
    this.error(text);
    if (!isBusybox(this.rt)) this.error('Error is not recoverable: exiting now');
    return isBusybox(this.rt) ? 1 : 2;
  }

  leadingSlash(): void {
    if (this.warnedLeadingSlash) return;
    this.warnedLeadingSlash = true;
    this.error(
      isBusybox(this.rt)
        ? "removing leading '/' from member names"
        : "Removing leading `/' from member names",
    );
  }

  problem(p: TarProblem): void {
    this.failed = true;
    const busybox = isBusybox(this.rt);
    if (p.action === 'contains-dotdot') this.error(`${p.member}: Member name contains '..'`);
    else if (p.action === 'stat')
      this.error(busybox ? `${p.member}: ${p.message}` : `${p.member}: Cannot stat: ${p.message}`);
    else if (p.action === 'mkdir')
      this.error(
        busybox
          ? `can't create directory '${p.member}': ${p.message}`
          : `${p.member}: Cannot mkdir: ${p.message}`,
      );
    else if (p.action === 'link') this.error(`${p.member}: Cannot hard link: ${p.message}`);
    else
      this.error(
        busybox ? `can't open '${p.member}': ${p.message}` : `${p.member}: Cannot open: ${p.message}`,
      );
  }

  finish(): number {
    if (!this.failed) return 0;
    if (isBusybox(this.rt)) return 1;
    this.error('Exiting with failure status due to previous errors');
    return 2;
  }
}

/** Strips leading slashes (GNU tar's default without -P). */
function memberName(name: string, options: TarOptions, reporter: TarReporter): string {
  if (options.absoluteNames || !name.startsWith('/')) return name;
  reporter.leadingSlash();
  return name.replace(/^\/+/, '') || './';
}

function listLine(rt: CommandRuntime, e: TarEntry, name: string): string {
  const typeChar =
    e.type === 'dir' ? 'dir' : e.type === 'symlink' ? 'symlink' : e.type === 'chardev' ? 'chardev' : 'file';
  const mode = modeString(typeChar, e.mode).replace(/^-/, e.type === 'hardlink' ? 'h' : '-');
  const owner = `${e.uname || e.uid}/${e.gname || e.gid}`;
  const size = e.type === 'chardev' ? `${e.devMajor},${e.devMinor}` : String(e.size);
  const link =
    e.type === 'symlink' ? ` -> ${e.linkName}` : e.type === 'hardlink' ? ` link to ${e.linkName}` : '';
  if (isBusybox(rt))
    return `${mode} ${owner} ${size.padStart(9)} ${strftime('%Y-%m-%d %H:%M:%S', e.mtime)} ${name}${link}\n`;
  return `${mode} ${owner} ${size.padStart(Math.max(1, 18 - owner.length))} ${strftime('%Y-%m-%d %H:%M', e.mtime)} ${name}${link}\n`;
}

async function create(rt: CommandRuntime, options: TarOptions, reporter: TarReporter): Promise<number> {
  if (options.members.length === 0) {
    if (isBusybox(rt)) return reporter.fatal('empty archive');
    reporter.error('Cowardly refusing to create an empty archive');
    rt.io.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
    return 2;
  }
  const toStdout = options.file === undefined || options.file === '-';
  if (toStdout && rt.io.stdoutIsTty)
    return reporter.fatal(
      isBusybox(rt)
        ? 'refusing to write archive to terminal'
        : 'Refusing to write archive contents to terminal (missing -f option?)',
    );
  const names = archiveNames(rt);
  const problems: TarProblem[] = [];
  const blocks: Uint8Array[] = [];
  let size = 0;
  // Verbose output goes to stderr when the archive itself is on stdout.
  const verbose = toStdout ? rt.io.stderr : rt.io.stdout;
  for (const member of options.members) {
    const base = member.dir === undefined ? rt.cwd : normalizePath(member.dir, rt.cwd);
    const path = member.name.startsWith('/')
      ? member.name
      : base === '/'
        ? `/${member.name}`
        : `${base}/${member.name}`;
    const name = memberName(member.name, options, reporter);
    const entries = collectEntries(
      rt.system.fs,
      path,
      name,
      { dereference: options.dereference, names, display: member.name },
      problems,
    );
    for (const entry of entries) {
      if (
        options.excludes.some((pattern) =>
          matchPattern(pattern, entry.name.replace(/\/$/, '').split('/').pop() ?? ''),
        )
      )
        continue;
      if (options.verbose > 0)
        verbose(options.verbose > 1 ? listLine(rt, entry, entry.name) : `${entry.name}\n`);
      for (const block of encodeEntry(entry)) {
        blocks.push(block);
        size += block.length;
      }
    }
    await rt.system.checkpoint();
  }
  for (const p of problems) reporter.problem(p);
  blocks.push(encodeEnd(size));
  let archive = concatBytes(blocks);
  if (options.gzip) archive = Uint8Array.from(gzipSync(archive));
  if (toStdout) rt.io.stdout(archive);
  else rt.system.fs.writeFile(resolvePath(rt, options.file as string), archive);
  return reporter.finish();
}

async function readArchive(
  rt: CommandRuntime,
  options: TarOptions,
  reporter: TarReporter,
): Promise<Uint8Array | number> {
  let bytes: Uint8Array;
  if (options.file === undefined || options.file === '-') {
    bytes = await readAll(rt.io.stdin);
  } else {
    try {
      bytes = rt.system.fs.readFile(resolvePath(rt, options.file));
    } catch (err) {
      const message = isFsError(err) ? err.message : String(err);
      return reporter.fatal(
        isBusybox(rt)
          ? `can't open '${options.file}': ${message}`
          : `${options.file}: Cannot open: ${message}`,
      );
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = Uint8Array.from(gunzipSync(bytes));
    } catch {
      return reporter.fatal('Unexpected EOF in archive');
    }
  }
  if (bytes.length === 0) return isBusybox(rt) ? reporter.fatal('short read') : 0;
  return bytes;
}

function selected(options: TarOptions, name: string): boolean {
  if (options.members.length === 0) return true;
  const clean = name.replace(/\/$/, '');
  return options.members.some((m) => {
    const pattern = m.name.replace(/\/$/, '');
    return clean === pattern || clean.startsWith(pattern + '/') || matchPattern(pattern, clean);
  });
}

async function extractOrList(
  rt: CommandRuntime,
  options: TarOptions,
  reporter: TarReporter,
): Promise<number> {
  const dir = normalizePath(options.dir ?? '.', rt.cwd);
  if (options.mode === 'extract' && rt.system.fs.tryStat(dir)?.type !== 'dir') {
    const message = rt.system.fs.exists(dir) ? 'Not a directory' : 'No such file or directory';
    return reporter.fatal(
      isBusybox(rt)
        ? `can't change directory to '${options.dir}': ${message}`
        : `${options.dir}: Cannot open: ${message}`,
    );
  }
  const archive = await readArchive(rt, options, reporter);
  if (typeof archive === 'number') return archive;
  const names = archiveNames(rt);
  const problems: TarProblem[] = [];
  const dirTimes: [string, Date][] = [];
  const matched = new Set<string>();
  const root = rt.system.user === 'root' || rt.system.user === '0';
  try {
    for (const entry of decodeArchive(archive)) {
      await rt.system.checkpoint();
      let name = memberName(entry.name, options, reporter);
      if (!selected(options, name)) continue;
      for (const m of options.members) if (selected({ ...options, members: [m] }, name)) matched.add(m.name);
      if (options.stripComponents > 0) {
        name = name.split('/').slice(options.stripComponents).join('/');
        if (name === '') continue;
      }
      if (options.mode === 'list') {
        rt.io.stdout(options.verbose > 0 ? listLine(rt, entry, name) : `${name}\n`);
        continue;
      }
      if (name.split('/').includes('..')) {
        reporter.problem({ member: name, action: 'contains-dotdot', message: '' });
        continue;
      }
      if (options.verbose > 0) rt.io.stdout(options.verbose > 1 ? listLine(rt, entry, name) : `${name}\n`);
      if (options.toStdout) {
        if (entry.type === 'file') rt.io.stdout(entry.data);
        continue;
      }
      extractEntry(
        rt.system.fs,
        entry,
        name,
        {
          dir,
          sameOwner: options.sameOwner ?? root,
          samePermissions: options.samePermissions ?? root,
          touch: options.touch,
          keepOldFiles: options.keepOldFiles,
          stripComponents: options.stripComponents,
          now: rt.system.now(),
          names,
        },
        problems,
        dirTimes,
      );
    }
  } catch (err) {
    if (!(err instanceof TarFormatError)) throw err;
    for (const p of problems) reporter.problem(p);
    if (err.message === 'This does not look like a tar archive') {
      reporter.error(isBusybox(rt) ? 'invalid tar magic' : err.message);
      reporter.failed = true;
      return reporter.finish();
    }
    return reporter.fatal(err.message);
  }
  // Directory times are restored last: creating their contents touched them.
  for (const [path, mtime] of dirTimes.sort((a, b) => compareBytes(b[0], a[0])))
    rt.system.fs.setMtime(path, mtime);
  for (const p of problems) reporter.problem(p);
  for (const m of options.members) {
    if (matched.has(m.name)) continue;
    reporter.error(`${m.name}: Not found in archive`);
    reporter.failed = true;
  }
  return reporter.finish();
}

export const tar: Command = async (rt) => {
  const reporter = new TarReporter(rt);
  let options: TarOptions;
  try {
    options = parseTarArgs(rt.argv.slice(1));
  } catch (err) {
    if (!(err instanceof TarUsageError)) throw err;
    reporter.error(err.message);
    rt.io.stderr(
      isBusybox(rt)
        ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n'
        : "Try 'tar --help' or 'tar --usage' for more information.\n",
    );
    return 2;
  }
  if (!options.mode) {
    reporter.error(
      isBusybox(rt)
        ? 'need one of -c, -x or -t'
        : "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options",
    );
    if (!isBusybox(rt)) rt.io.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
    return isBusybox(rt) ? 1 : 2;
  }
  return options.mode === 'create' ? create(rt, options, reporter) : extractOrList(rt, options, reporter);
};
