/**
 * Runs parsed shell code: lists, and/or chains, pipelines (stages run one after another with
 * their output handed on as bytes), compound commands, functions and simple commands.
 */
import { isFsError } from '../fs/fs-errors.ts';
import type { CommandNode, ListNode, PipelineNode, Redirect, SimpleCommand } from './ast.ts';
import { runBuiltin, isBuiltin } from './builtins.ts';
import { BufferSource, CollectSink } from './byte-io.ts';
import { runCompound } from './compound-commands.ts';
import { expandToString, expandWords } from './expand.ts';
import { ExpansionFailure, createExpansionHost } from './expansion-host.ts';
import { InterruptError } from './line-discipline.ts';
import { ShellMessages } from './messages.ts';
import { parseExpandableText } from './parser.ts';
import { BadFdError, RedirectError, applyRedirects } from './redirections.ts';
import type { ShellState } from './shell-state.ts';
import { FunctionReturn, LoopControl, ShellExit } from './signals.ts';
import type { CommandIO, ContainerSystem, ShellFlavor } from './system.ts';

export { FunctionReturn, LoopControl, ShellExit };

export class Shell {
  readonly system: ContainerSystem;
  readonly state: ShellState;
  readonly flavor: ShellFlavor;
  readonly messages: ShellMessages;
  readonly interactive: boolean;
  /** Line offset of the code being run (interactive input counts lines across commands). */
  private currentLine = 1;
  /** Loops being run; `break`/`continue` outside one are no-ops. */
  loopDepth = 0;

  constructor(system: ContainerSystem, state: ShellState, flavor: ShellFlavor, interactive: boolean) {
    this.system = system;
    this.state = state;
    this.flavor = flavor;
    this.interactive = interactive;
    this.messages = new ShellMessages(flavor, state.arg0, interactive);
  }

  /** A subshell: same system, copied state; changes do not leak back. */
  subshell(): Shell {
    return new Shell(this.system, this.state.clone(), this.flavor, false);
  }

  get line(): number {
    return this.currentLine;
  }

  async runList(list: ListNode, io: CommandIO): Promise<number> {
    let status = this.state.lastStatus;
    for (const item of list.items) {
      status = await this.runAndOr(item, io);
    }
    return status;
  }

  private async runAndOr(node: ListNode['items'][number], io: CommandIO): Promise<number> {
    let status = await this.runPipeline(node.first, io, node.rest.length > 0);
    for (const [index, { op, pipeline }] of node.rest.entries()) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, io, index < node.rest.length - 1);
    }
    return status;
  }

  private async runPipeline(p: PipelineNode, io: CommandIO, inCondition: boolean): Promise<number> {
    await this.system.checkpoint();
    let status: number;
    if (p.commands.length === 1) {
      status = await this.runCommand(p.commands[0] as CommandNode, io);
    } else {
      const statuses: number[] = [];
      let input = io.stdin;
      for (const [i, command] of p.commands.entries()) {
        const last = i === p.commands.length - 1;
        const collected = new CollectSink();
        const stageIo: CommandIO = {
          stdin: input,
          stdinIsTty: i === 0 && io.stdinIsTty,
          stdout: last ? io.stdout : collected.sink,
          stdoutIsTty: last && io.stdoutIsTty,
          stderr: io.stderr,
        };
        statuses.push(await this.subshell().runDetached(command, stageIo));
        input = new BufferSource(collected.bytes());
      }
      status = this.state.pipefail
        ? ([...statuses].reverse().find((s) => s !== 0) ?? 0)
        : (statuses[statuses.length - 1] ?? 0);
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.state.lastStatus = status;
    if (status !== 0 && this.state.errexit && !inCondition && !p.negate) throw new ShellExit(status);
    return status;
  }

  /** Runs a command as its own process (pipeline stage, subshell): `exit` ends only it. */
  private async runDetached(command: CommandNode, io: CommandIO): Promise<number> {
    try {
      return await this.runCommand(command, io);
    } catch (err) {
      if (err instanceof ShellExit) return err.status;
      throw err;
    }
  }

  async runCommand(node: CommandNode, io: CommandIO): Promise<number> {
    switch (node.type) {
      case 'simple':
        return this.runSimple(node, io);
      case 'function':
        this.state.functions.set(node.name, node.body);
        return 0;
      default:
        return this.withRedirects(node.redirects, io, (rio) => runCompound(this, node, rio));
    }
  }

  /** Runs a list as a separate process would: `exit` ends only it. */
  async runIsolated(list: ListNode, io: CommandIO): Promise<number> {
    try {
      return await this.runList(list, io);
    } catch (err) {
      if (err instanceof ShellExit) return err.status;
      throw err;
    }
  }

  get insideLoop(): boolean {
    return this.loopDepth > 0;
  }

  private async withRedirects(
    redirects: readonly Redirect[],
    io: CommandIO,
    run: (io: CommandIO) => Promise<number>,
  ): Promise<number> {
    if (redirects.length === 0) return run(io);
    let applied: Awaited<ReturnType<typeof applyRedirects>>;
    try {
      applied = await applyRedirects(redirects, io, {
        fs: this.system.fs,
        resolve: (p) => this.resolvePath(p),
        expandTarget: (r) => expandToString(r.target, createExpansionHost(this, io)),
        heredocText: (r) => this.heredocText(r, io),
      });
    } catch (err) {
      if (err instanceof RedirectError && isFsError(err.fsError)) {
        io.stderr(this.messages.redirectFailed(err.path, err.fsError, err.forWriting, this.currentLine));
        return this.messages.builtinFailureStatus;
      }
      if (err instanceof BadFdError) {
        io.stderr(`${this.messages.prefix(this.currentLine)}${err.message}\n`);
        return 1;
      }
      throw err;
    }
    try {
      return await run(applied.io);
    } finally {
      applied.finish();
    }
  }

  private async heredocText(r: Redirect, io: CommandIO): Promise<string> {
    const host = createExpansionHost(this, io);
    if (r.op === '<<<') return (await expandToString(r.target, host)) + '\n';
    const doc = r.heredoc;
    if (!doc) return '';
    return doc.expand ? expandToString(parseExpandableText(doc.body), host) : doc.body;
  }

  private async runSimple(cmd: SimpleCommand, io: CommandIO): Promise<number> {
    this.currentLine = cmd.line;
    const host = createExpansionHost(this, io);
    let argv: string[];
    const assigns: [string, string][] = [];
    try {
      argv = await expandWords(cmd.words, host);
      for (const a of cmd.assigns) assigns.push([a.name, await expandToString(a.value, host)]);
    } catch (err) {
      if (err instanceof ExpansionFailure) {
        io.stderr(`${this.messages.prefix(cmd.line)}${err.message}\n`);
        if (!this.interactive) throw new ShellExit(this.flavor === 'bash' ? 1 : 2);
        return 1;
      }
      throw err;
    }
    if (argv.length === 0) {
      for (const [name, value] of assigns) this.state.set(name, value);
      const status = this.lastSubstitutionStatus ?? 0;
      this.lastSubstitutionStatus = undefined;
      return this.withRedirects(cmd.redirects, io, async () => status);
    }
    if (this.state.xtrace) io.stderr(`+ ${[...assigns.map(([n, v]) => `${n}=${v}`), ...argv].join(' ')}\n`);
    return this.withRedirects(cmd.redirects, io, (rio) => this.execute(argv, assigns, rio));
  }

  /** Status of the last command substitution, for assignments-only commands (`x=$(false)`). */
  lastSubstitutionStatus: number | undefined;

  private async execute(argv: string[], assigns: [string, string][], io: CommandIO): Promise<number> {
    const name = argv[0] as string;
    const fn = this.state.functions.get(name);
    if (fn) return this.callFunction(fn, argv.slice(1), io);
    if (isBuiltin(name, this.flavor)) return runBuiltin(this, argv, io, assigns);
    const env = { ...this.state.environment(), ...Object.fromEntries(assigns) };
    const resolution = this.system.resolveProgram(name, env.PATH, this.state.cwd);
    if (resolution.kind === 'not-found') {
      io.stderr(this.messages.notFound(name, this.currentLine));
      return 127;
    }
    if (resolution.kind === 'not-executable') {
      io.stderr(this.messages.notExecutable(name, this.currentLine, resolution.isDirectory));
      return 126;
    }
    return this.system.runProgram(resolution.path, argv, { env, cwd: this.state.cwd, io });
  }

  private async callFunction(body: CommandNode, args: string[], io: CommandIO): Promise<number> {
    const saved = this.state.positional;
    this.state.positional = args;
    try {
      return await this.runCommand(body, io);
    } catch (err) {
      if (err instanceof FunctionReturn) return err.status;
      throw err;
    } finally {
      this.state.positional = saved;
    }
  }

  /** Joins a relative path to the cwd for the file system (which resolves `..` physically). */
  resolvePath(path: string): string {
    if (path.startsWith('/')) return path;
    return this.state.cwd === '/' ? `/${path}` : `${this.state.cwd}/${path}`;
  }

  /** Runs a whole parsed script and turns `exit` into a status. */
  async runScript(list: ListNode, io: CommandIO): Promise<number> {
    try {
      return await this.runList(list, io);
    } catch (err) {
      if (err instanceof ShellExit) return err.status;
      if (err instanceof InterruptError) return 130;
      if (err instanceof FunctionReturn) return err.status;
      throw err;
    }
  }
}
