/**
 * The main process's stdio as `kubectl attach` sees it. A container that runs a shell with
 * `stdin: true` gets a real interactive shell (started on first attach, shared by every attach
 * of that run); any other container echoes what arrives on stdin, like a process that copies
 * its input to its output. Its log lines reach attach through the log follower, not here.
 */
import { execInContainer } from '../container/index.ts';
import type { ContainerRuntime } from './container-runtime.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

type Listener = (chunk: Uint8Array | string) => void;

export class ContainerConsole {
  private readonly container: ContainerRuntime;
  private readonly listeners = new Set<Listener>();
  private readonly input: Uint8Array[] = [];
  private wake: (() => void) | undefined;
  private shell: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private closed = false;

  constructor(container: ContainerRuntime) {
    this.container = container;
  }

  /** True when the main process is an interactive shell reading stdin. */
  get interactive(): boolean {
    const argv0 = this.container.commandLine()[0] ?? '';
    return this.container.spec.stdin === true && SHELLS.has(argv0.slice(argv0.lastIndexOf('/') + 1));
  }

  get tty(): boolean {
    return this.container.spec.tty === true;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.interactive) this.startShell();
    return () => this.listeners.delete(listener);
  }

  /** Bytes typed into an attach session with stdin. */
  write(chunk: Uint8Array): void {
    if (this.closed) return;
    if (!this.interactive) {
      this.emit(this.tty ? Buffer.from(chunk).toString().replace(/\r/g, '\r\n') : chunk);
      return;
    }
    this.input.push(chunk);
    this.wake?.();
    this.wake = undefined;
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    this.wake?.();
    this.wake = undefined;
  }

  private emit(chunk: Uint8Array | string): void {
    for (const listener of this.listeners) listener(chunk);
  }

  private startShell(): void {
    if (this.shell !== undefined || this.closed) return;
    const stdin: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: async function* (this: ContainerConsole) {
        for (;;) {
          const next = this.input.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          if (this.closed) return;
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      }.bind(this),
    };
    this.shell = execInContainer(
      this.container.commandLine(),
      this.container.execContext(this.abort.signal),
      {
        stdin,
        stdout: (chunk) => this.emit(chunk),
        stderr: (chunk) => this.emit(chunk),
        tty: this.tty,
      },
    ).then(
      () => {},
      () => {},
    );
  }
}
