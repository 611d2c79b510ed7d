/**
 * The terminal's cooked mode for exec sessions with a tty: keystrokes arrive one by one and
 * become lines. It echoes what is typed, erases on backspace, turns Ctrl-C into an interrupt
 * and Ctrl-D on an empty line into end-of-file — what the kernel's tty layer (or the shell's
 * line editor) does in a real container.
 */
import { toBytes, type ByteSource, type Sink, type StreamSource } from './byte-io.ts';

/** Thrown out of a read when the user presses Ctrl-C. */
export class InterruptError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptError';
  }
}

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const CTRL_W = '\x17';
const BACKSPACE = '\x7f';
const CTRL_H = '\x08';
const ESC = '\x1b';

export class TerminalInput implements ByteSource {
  private readonly raw: StreamSource;
  private readonly echo: Sink;
  private readonly decoder = new TextDecoder();
  /** Decoded keystrokes not yet consumed (typeahead). */
  private typed = '';
  private readonly cooked: Uint8Array[] = [];
  private rawEnded = false;

  constructor(raw: StreamSource, echo: Sink) {
    this.raw = raw;
    this.echo = echo;
  }

  /** One edited line (ending in '\n'), text flushed by Ctrl-D, or null for end-of-file. */
  async read(): Promise<Uint8Array | null> {
    const queued = this.cooked.shift();
    if (queued) return queued;
    const line = await this.readLine();
    return line === null ? null : toBytes(line);
  }

  unread(chunk: Uint8Array): void {
    if (chunk.length > 0) this.cooked.unshift(chunk);
  }

  /**
   * True when Ctrl-C was typed since the last read (the tty would send SIGINT to the running
   * command). Drops the typeahead before it and echoes `^C` like the terminal does.
   */
  pollInterrupt(): boolean {
    const at = this.typed.indexOf(CTRL_C);
    if (at >= 0) this.typed = this.typed.slice(at + 1);
    else if (!this.raw.takeThrough(0x03)) return false;
    this.echo('^C\n');
    return true;
  }

  private async readLine(): Promise<string | null> {
    let line: string[] = [];
    for (;;) {
      if (this.typed === '') {
        if (this.rawEnded) return line.length > 0 ? line.join('') : null;
        const chunk = await this.raw.read();
        if (!chunk) {
          this.rawEnded = true;
          continue;
        }
        this.typed += this.decoder.decode(chunk, { stream: true });
        continue;
      }
      const key = this.takeKey();
      if (key === '\r' || key === '\n') {
        this.echo('\n');
        return line.join('') + '\n';
      }
      if (key === BACKSPACE || key === CTRL_H) {
        if (line.length > 0) {
          line.pop();
          this.echo('\b \b');
        }
      } else if (key === CTRL_U || key === CTRL_W) {
        const keep = key === CTRL_W ? wordStart(line) : 0;
        this.echo('\b \b'.repeat(line.length - keep));
        line = line.slice(0, keep);
      } else if (key === CTRL_C) {
        this.echo('^C\n');
        throw new InterruptError();
      } else if (key === CTRL_D) {
        if (line.length === 0) return null;
        return line.join('');
      } else if (key.startsWith(ESC)) {
        // Cursor keys and other escape sequences: no history or cursor movement here.
      } else if (key === '\t' || key >= ' ') {
        line.push(key);
        this.echo(key);
      }
    }
  }

  /** Removes and returns one keystroke: a character, "\r\n" as one Enter, or an escape sequence. */
  private takeKey(): string {
    const text = this.typed;
    let length = 1;
    const code = text.codePointAt(0) ?? 0;
    if (code > 0xffff) length = 2;
    else if (text.startsWith('\r\n')) length = 2;
    else if (text[0] === ESC) length = escapeLength(text);
    this.typed = text.slice(length);
    return text[0] === '\r' ? '\r' : text.slice(0, length);
  }
}

/** Length of a CSI (`ESC [ … final`) or SS3 (`ESC O x`) sequence at the start of `text`. */
function escapeLength(text: string): number {
  if (text[1] === '[') {
    for (let i = 2; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x40 && c <= 0x7e) return i + 1;
    }
    return text.length;
  }
  if (text[1] === 'O') return Math.min(3, text.length);
  return Math.min(2, text.length);
}

function wordStart(line: string[]): number {
  let i = line.length;
  while (i > 0 && line[i - 1] === ' ') i--;
  while (i > 0 && line[i - 1] !== ' ') i--;
  return i;
}
