/** Every program the container can run, by executable name (shells live in exec/). */
import { tar } from '../tar/tar-command.ts';
import { nginx, redisCli, versionProgram } from './app-programs.ts';
import type { Command } from './command-kit.ts';
import { cp, mv } from './copy-move.ts';
import { date } from './date.ts';
import { df, du } from './disk.ts';
import { echo, printf } from './echo-printf.ts';
import { base64, gzip, md5sum, sha256sum } from './encoding.ts';
import { chmod, chown, ln, mkdir, rm, rmdir, touch } from './file-ops.ts';
import { find } from './find.ts';
import { grep } from './grep.ts';
import { ls } from './ls.ts';
import {
  basename,
  clear,
  dirname,
  falseCommand,
  readlink,
  realpath,
  seq,
  sleep,
  trueCommand,
  which,
  xargs,
  yes,
} from './misc.ts';
import { kill, ps } from './processes.ts';
import { sort, uniq } from './sort-uniq.ts';
import { stat } from './stat.ts';
import { env, free, hostname, id, nproc, printenv, pwd, uname, uptime, whoami } from './system-info.ts';
import { test } from './test-command.ts';
import { cat, cut, head, tail, tee, tr, wc } from './text-filters.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['[', test],
  ['[[', test],
  ['base64', base64],
  ['basename', basename],
  ['cat', cat],
  ['chmod', chmod],
  ['chown', chown],
  ['clear', clear],
  ['cp', cp],
  ['cut', cut],
  ['date', date],
  ['df', df],
  ['dirname', dirname],
  ['du', du],
  ['echo', echo],
  ['egrep', grep],
  ['env', env],
  ['false', falseCommand],
  ['fgrep', grep],
  ['find', find],
  ['free', free],
  ['grep', grep],
  ['gunzip', gzip],
  ['gzip', gzip],
  ['head', head],
  ['hostname', hostname],
  ['id', id],
  ['kill', kill],
  ['ln', ln],
  ['ls', ls],
  ['md5sum', md5sum],
  ['mkdir', mkdir],
  ['mv', mv],
  ['nproc', nproc],
  ['printenv', printenv],
  ['printf', printf],
  ['ps', ps],
  ['pwd', pwd],
  ['readlink', readlink],
  ['realpath', realpath],
  ['rm', rm],
  ['rmdir', rmdir],
  ['seq', seq],
  ['sha256sum', sha256sum],
  ['sleep', sleep],
  ['sort', sort],
  ['stat', stat],
  ['tail', tail],
  ['tar', tar],
  ['tee', tee],
  ['test', test],
  ['touch', touch],
  ['tr', tr],
  ['true', trueCommand],
  ['uname', uname],
  ['uniq', uniq],
  ['uptime', uptime],
  ['wc', wc],
  ['which', which],
  ['whoami', whoami],
  ['xargs', xargs],
  ['yes', yes],
  ['zcat', gzip],
  // application binaries
  ['nginx', nginx],
  ['redis-cli', redisCli],
  ['node', versionProgram('NODE_VERSION', '22.11.0', (v) => `v${v}\n`)],
  ['python3', versionProgram('PYTHON_VERSION', '3.12.7', (v) => `Python ${v}\n`)],
  ['python', versionProgram('PYTHON_VERSION', '3.12.7', (v) => `Python ${v}\n`)],
]);

/** Programs that are shells; the exec layer runs them with the interpreter. */
export const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
