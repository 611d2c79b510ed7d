/** Connects word expansion to a running shell: variables, `$?`, `$(…)`, globs. */
import { CollectSink } from './byte-io.ts';
import type { ExpansionHost } from './expand.ts';
import { globPaths } from './glob.ts';
import type { Shell } from './interpreter.ts';
import type { CommandIO } from './system.ts';

/** `${x:?}` and bad arithmetic: reported by the shell, which then abandons the command. */
export class ExpansionFailure extends Error {}

export function createExpansionHost(shell: Shell, io: CommandIO): ExpansionHost {
  const state = shell.state;
  return {
    getVar: (name) => state.get(name),
    setVar: (name, value) => state.set(name, value),
    positional: () => state.positional,
    special: (name) => {
      if (name === '?') return String(state.lastStatus);
      if (name === '$') return String(state.pid);
      if (name === '0') return state.arg0;
      if (name === '-') return state.optionFlags(shell.interactive);
      return '';
    },
    homeOf: (user) => (user === '' ? (state.get('HOME') ?? '/root') : user === 'root' ? '/root' : undefined),
    substitute: async (body) => {
      const out = new CollectSink();
      const sub = shell.subshell();
      const status = await sub.runIsolated(body, { ...io, stdout: out.sink, stdoutIsTty: false });
      shell.lastSubstitutionStatus = status;
      state.lastStatus = status;
      return out.text();
    },
    glob: (pattern) => (state.noglob ? [] : globPaths(shell.system.fs, state.cwd, pattern)),
    fail: (message) => {
      throw new ExpansionFailure(message);
    },
  };
}
