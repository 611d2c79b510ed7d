/**
 * The Kubernetes remotecommand channel protocols over WebSocket: `v5.channel.k8s.io` (adds the
 * close-stdin signal, channel 255), `v4.channel.k8s.io` (status as metav1.Status JSON on the
 * error channel), `channel.k8s.io` (plain-text error) and `base64.channel.k8s.io` (text frames,
 * channel digit + base64). Channel 0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize.
 */
import type { WebSocket } from 'ws';

export const SUPPORTED_PROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'channel.k8s.io',
  'base64.channel.k8s.io',
] as const;

export type ChannelProtocol = (typeof SUPPORTED_PROTOCOLS)[number];

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
const CLOSE = 255;

/** The server's pick among the client's offered subprotocols (its own order of preference). */
export function chooseProtocol(offered: Iterable<string>): ChannelProtocol | undefined {
  const set = new Set(offered);
  return SUPPORTED_PROTOCOLS.find((p) => set.has(p));
}

export class ChannelSocket {
  readonly protocol: ChannelProtocol;
  private readonly ws: WebSocket;
  private readonly stdinQueue: Uint8Array[] = [];
  private stdinDone = false;
  private wake: (() => void) | undefined;
  private size: { cols: number; rows: number } | undefined;
  private readonly abort = new AbortController();
  private readonly stdinListeners = new Set<(chunk: Uint8Array) => void>();

  constructor(ws: WebSocket, protocol: ChannelProtocol) {
    this.ws = ws;
    this.protocol = protocol;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('close', () => {
      this.stdinDone = true;
      this.abort.abort();
      this.notify();
    });
    ws.on('error', () => this.abort.abort());
  }

  /** Fires when the client goes away. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  terminalSize(): { cols: number; rows: number } {
    return this.size ?? { cols: 80, rows: 24 };
  }

  /** stdin as an async iterable that ends on the v5 close signal or when the socket closes. */
  stdin(): AsyncIterable<Uint8Array> {
    return { [Symbol.asyncIterator]: () => this.stdinChunks() };
  }

  private async *stdinChunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = this.stdinQueue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.stdinDone) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Receives stdin chunks as they arrive (attach forwards them to the main process). */
  onStdin(listener: (chunk: Uint8Array) => void): void {
    this.stdinListeners.add(listener);
  }

  send(channel: number, data: Uint8Array | string): void {
    if (!this.open) return;
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    if (this.protocol === 'base64.channel.k8s.io') {
      this.ws.send(`${String.fromCharCode(48 + channel)}${bytes.toString('base64')}`);
      return;
    }
    this.ws.send(Buffer.concat([Buffer.from([channel]), bytes]));
  }

  /** The final word on channel 3: a Status (v4/v5) or the error text (older protocols), then close. */
  finish(status: Record<string, unknown>): void {
    if (this.protocol === 'v5.channel.k8s.io' || this.protocol === 'v4.channel.k8s.io') {
      this.send(ERROR, JSON.stringify(status));
    } else if (status.status !== 'Success') {
      this.send(ERROR, String(status.message ?? ''));
    }
    if (this.open) this.ws.close(1000);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    let channel: number;
    let body: Buffer;
    if (this.protocol === 'base64.channel.k8s.io' && !isBinary) {
      const text = data.toString();
      channel = text.charCodeAt(0) - 48;
      body = Buffer.from(text.slice(1), 'base64');
    } else {
      if (data.length === 0) return;
      channel = data[0] as number;
      body = data.subarray(1);
    }
    if (channel === STDIN) {
      const chunk = new Uint8Array(body);
      if (body.length > 0) {
        this.stdinQueue.push(chunk);
        for (const listener of this.stdinListeners) listener(chunk);
      }
      this.notify();
    } else if (channel === RESIZE) {
      try {
        const size = JSON.parse(body.toString()) as { Width?: number; Height?: number };
        if (size.Width && size.Height) this.size = { cols: size.Width, rows: size.Height };
      } catch {
        // A malformed resize is ignored, as the kubelet does.
      }
    } else if (channel === CLOSE && this.protocol === 'v5.channel.k8s.io' && body[0] === STDIN) {
      this.stdinDone = true;
      this.notify();
    }
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
