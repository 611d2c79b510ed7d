import { EventEmitter } from 'node:events';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { KubeAccess } from '../access/kube-access.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import { CLOSE_TOO_SLOW } from './protocol.ts';
import { DEFAULT_STREAM_SETTINGS, StreamSession } from './stream-session.ts';

/**
 * The part of a ws WebSocket a session uses, with a send queue the test controls: how much a
 * peer that stopped reading leaves unsent depends on the kernel's socket buffers, which tests
 * cannot bound.
 */
class SlowPeerSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: number | null = null;

  send(data: string): void {
    this.sent.push(data);
    this.bufferedAmount += data.length;
  }

  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  ping(): void {}
  terminate(): void {}
}

describe('StreamSession backpressure', () => {
  it('drops a client once more than maxBufferedBytes wait unsent, and sends nothing more', () => {
    const socket = new SlowPeerSocket();
    const session = new StreamSession(socket as unknown as WebSocket, {
      caches: {} as ClusterCaches,
      access: {} as KubeAccess,
      authenticator: {} as Authenticator,
      log: pino({ level: 'silent' }),
      settings: { ...DEFAULT_STREAM_SETTINGS, maxBufferedBytes: 10_000 },
      onDenied: () => {},
    });
    const event = { type: 'event', id: 'pods', object: { data: 'x'.repeat(4_000) } };
    expect(session.send(event)).toBe(true);
    expect(session.send(event)).toBe(true);
    expect(session.send(event)).toBe(true);
    expect(socket.closedWith).toBeNull();
    // Over 10,000 bytes queued: the next message closes the socket instead of growing the queue.
    expect(session.send(event)).toBe(false);
    expect(socket.closedWith).toBe(CLOSE_TOO_SLOW);
    expect(session.send(event)).toBe(false);
    expect(socket.sent).toHaveLength(3);
  });
});
