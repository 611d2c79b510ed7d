import { WebSocket } from 'ws';
import { eventually } from '../../cache/testing/eventually.ts';

// Test code reads arbitrary message shapes; `any` keeps assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StreamMessage = Record<string, any>;

/** A WebSocket client of /api/v1/stream that records every message and how the socket closed. */
export class StreamClient {
  readonly socket: WebSocket;
  readonly messages: StreamMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as StreamMessage));
    this.socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
    this.socket.on('error', () => {});
  }

  static async open(baseUrl: string, token?: string): Promise<StreamClient> {
    const client = new StreamClient(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    if (token) {
      client.send({ type: 'auth', token });
      await client.next((m) => m['type'] === 'authenticated' || m['type'] === 'error');
    }
    return client;
  }

  send(message: StreamMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (from `after` on) that matches, waiting for it. */
  async next(
    match: (message: StreamMessage) => boolean,
    after = 0,
    timeoutMs = 20_000,
  ): Promise<StreamMessage> {
    return eventually(() => this.messages.slice(after).find(match), timeoutMs, 'a stream message');
  }

  async subscribe(request: StreamMessage): Promise<StreamMessage> {
    const from = this.messages.length;
    this.send({ type: 'subscribe', ...request });
    return this.next((m) => m['id'] === request['id'] && m['type'] !== 'event', from);
  }

  events(id: string): StreamMessage[] {
    return this.messages.filter((m) => m['type'] === 'event' && m['id'] === id);
  }

  async waitClosed(): Promise<{ code: number; reason: string }> {
    return eventually(() => this.closed, 20_000, 'the socket to close');
  }

  close(): void {
    this.socket.close();
  }
}
