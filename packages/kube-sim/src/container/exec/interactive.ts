/**
 * A shell reading commands from stdin: with a terminal it prompts, collects continuation lines
 * (`> `) for unfinished input, survives syntax errors and Ctrl-C, and exits on `exit` or
 * Ctrl-D; without one it silently runs what arrives and stops at the end of input.
 */
import { readLine } from '../shell/byte-io.ts';
import type { Shell } from '../shell/interpreter.ts';
import { IncompleteInputError, ShellSyntaxError } from '../shell/lexer.ts';
import { InterruptError } from '../shell/line-discipline.ts';
import { renderPrompt } from '../shell/messages.ts';
import { parseShell } from '../shell/parser.ts';
import { FunctionReturn, ShellExit } from '../shell/signals.ts';
import type { CommandIO } from '../shell/system.ts';
import { currentUser } from '../commands/users.ts';

function prompt(shell: Shell, continuation: boolean): string {
  const state = shell.state;
  if (continuation) return state.get('PS2') ?? '> ';
  const user = currentUser(shell.system);
  return renderPrompt(state.get('PS1') ?? shell.messages.defaultPs1(), {
    user: user.name,
    hostname: shell.system.hostname,
    cwd: state.cwd,
    home: state.get('HOME'),
    root: user.uid === 0,
  });
}

export async function runInteractive(shell: Shell, io: CommandIO, interactive: boolean): Promise<number> {
  const state = shell.state;
  let buffer = '';
  let line = 1;
  for (;;) {
    if (interactive) io.stderr(prompt(shell, buffer !== ''));
    let input: string | null;
    try {
      input = await readLine(io.stdin);
    } catch (err) {
      if (!(err instanceof InterruptError)) throw err;
      buffer = '';
      state.lastStatus = 130;
      continue;
    }
    if (input === null) {
      if (buffer !== '' && !interactive) {
        io.stderr(shell.messages.syntaxError(undefined, line));
        return 2;
      }
      if (interactive) io.stderr(shell.flavor === 'bash' ? 'exit\n' : '\n');
      return state.lastStatus;
    }
    buffer += input.endsWith('\n') ? input : input + '\n';
    let list;
    try {
      list = parseShell(buffer, line);
    } catch (err) {
      if (err instanceof IncompleteInputError) continue;
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr(shell.messages.syntaxError(err.token, err.line));
      state.lastStatus = 2;
      line += buffer.split('\n').length - 1;
      buffer = '';
      if (!interactive) return 2;
      continue;
    }
    line += buffer.split('\n').length - 1;
    buffer = '';
    try {
      state.lastStatus = await shell.runList(list, io);
    } catch (err) {
      if (err instanceof ShellExit) return err.status;
      if (err instanceof FunctionReturn) {
        state.lastStatus = err.status;
        continue;
      }
      if (!(err instanceof InterruptError)) throw err;
      state.lastStatus = 130;
    }
  }
}
