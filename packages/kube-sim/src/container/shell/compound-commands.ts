/** if / for / while / until / case and ( ) / { } bodies. */
import type { CommandNode, ListNode, SimpleCommand } from './ast.ts';
import { expandToPattern, expandToString, expandWords } from './expand.ts';
import { createExpansionHost } from './expansion-host.ts';
import { matchPattern } from './glob.ts';
import type { Shell } from './interpreter.ts';
import { LoopControl } from './signals.ts';
import type { CommandIO } from './system.ts';

export async function runCompound(
  shell: Shell,
  node: Exclude<CommandNode, SimpleCommand | { type: 'function' }>,
  io: CommandIO,
): Promise<number> {
  switch (node.type) {
    case 'subshell':
      return shell.subshell().runIsolated(node.body, io);
    case 'group':
      return shell.runList(node.body, io);
    case 'if': {
      for (const clause of node.clauses) {
        if ((await runCondition(shell, clause.cond, io)) === 0) return shell.runList(clause.body, io);
      }
      return node.elseBody ? shell.runList(node.elseBody, io) : 0;
    }
    case 'for': {
      const items = node.items
        ? await expandWords(node.items, createExpansionHost(shell, io))
        : shell.state.positional;
      return loop(shell, async () => {
        let status = 0;
        for (const item of items) {
          shell.state.set(node.name, item);
          const result = await loopBody(shell, node.body, io);
          if (result === 'break') break;
          status = result;
        }
        return status;
      });
    }
    case 'while':
      return loop(shell, async () => {
        let status = 0;
        for (;;) {
          const cond = await runCondition(shell, node.cond, io);
          if (node.until ? cond === 0 : cond !== 0) break;
          const result = await loopBody(shell, node.body, io);
          if (result === 'break') break;
          status = result;
        }
        return status;
      });
    case 'case': {
      const host = createExpansionHost(shell, io);
      const subject = await expandToString(node.subject, host);
      for (const arm of node.arms) {
        for (const pattern of arm.patterns) {
          if (matchPattern(await expandToPattern(pattern, host), subject)) return shell.runList(arm.body, io);
        }
      }
      return 0;
    }
  }
}

async function runCondition(shell: Shell, list: ListNode, io: CommandIO): Promise<number> {
  const errexit = shell.state.errexit;
  shell.state.errexit = false;
  try {
    return await shell.runList(list, io);
  } finally {
    shell.state.errexit = errexit;
  }
}

async function loop(shell: Shell, body: () => Promise<number>): Promise<number> {
  shell.loopDepth++;
  try {
    return await body();
  } finally {
    shell.loopDepth--;
  }
}

async function loopBody(shell: Shell, body: ListNode, io: CommandIO): Promise<number | 'break'> {
  try {
    return await shell.runList(body, io);
  } catch (err) {
    if (!(err instanceof LoopControl)) throw err;
    if (err.levels > 1) {
      err.levels--;
      throw err;
    }
    return err.kind === 'break' ? 'break' : 0;
  }
}
