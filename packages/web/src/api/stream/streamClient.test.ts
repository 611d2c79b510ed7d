import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_OPEN, type SocketLike } from './protocol';
import { StreamClient } from './streamClient';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = SOCKET_OPEN;
    this.onopen?.({});
  }
  receive(message: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The connection drops (network cut, server restart). */
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  ofType(type: string) {
    return this.sent.filter((m) => m.type === type);
  }
}

const pods = { cluster: 'dev', group: 'core', version: 'v1', resource: 'pods', namespace: 'shop' };

function setup() {
  const sockets: FakeSocket[] = [];
  let token = 'access-1';
  const refreshToken = vi.fn(async () => {
    token = 'access-2';
  });
  const client = new StreamClient({
    url: () => 'ws://atrium/api/v1/stream',
    token: async () => token,
    refreshToken,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  const last = () => sockets.at(-1)!;
  /** Opens the newest socket and lets the server accept its token. */
  const accept = async () => {
    last().open();
    await vi.waitFor(() => expect(last().ofType('auth')).toHaveLength(1));
    last().receive({ type: 'authenticated', userId: 'u1', username: 'admin' });
  };
  return { client, sockets, last, accept, refreshToken };
}

const pod = (name: string, rv: string) => ({ metadata: { name, namespace: 'shop', resourceVersion: rv } });

describe('StreamClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects on the first subscription, authenticates first, then subscribes from the list version', async () => {
    const { client, sockets, last, accept } = setup();
    expect(sockets).toHaveLength(0);
    client.subscribe(pods, { onEvent: () => {}, onResync: () => {} }, '100');
    expect(sockets).toHaveLength(1);
    await accept();
    expect(last().sent[0]).toEqual({ type: 'auth', token: 'access-1' });
    expect(last().ofType('subscribe')).toEqual([
      expect.objectContaining({ ...pods, resourceVersion: '100' }),
    ]);
  });

  it('delivers events and, after the connection drops, reconnects and resumes from the last event seen', async () => {
    const { client, sockets, last, accept } = setup();
    const events: string[] = [];
    client.subscribe(
      pods,
      { onEvent: (e) => events.push(`${e.type} ${e.object.metadata.name}`), onResync: () => {} },
      '100',
    );
    await accept();
    const id = last().ofType('subscribe')[0]!.id;
    last().receive({ type: 'subscribed', id, resourceVersion: '100' });
    last().receive({
      type: 'event',
      id,
      event: 'ADDED',
      object: pod('web-1', '101'),
      resourceVersion: '101',
    });
    expect(events).toEqual(['ADDED web-1']);

    last().drop();
    expect(client.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(2);
    await accept();
    const resumed = last().ofType('subscribe');
    expect(resumed).toEqual([expect.objectContaining({ ...pods, resourceVersion: '101' })]);
    // The server replays what happened while the socket was down.
    last().receive({
      type: 'event',
      id: resumed[0]!.id,
      event: 'ADDED',
      object: pod('web-2', '102'),
      resourceVersion: '102',
    });
    expect(events).toEqual(['ADDED web-1', 'ADDED web-2']);
    expect(client.state).toBe('open');
  });

  it('backs off longer after each failed attempt, and retries at once when the network returns', async () => {
    const { client, sockets, last } = setup();
    client.subscribe(pods, { onEvent: () => {}, onResync: () => {} });
    last().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    last().drop();
    await vi.advanceTimersByTimeAsync(400);
    expect(sockets).toHaveLength(2);
    client.retryNow();
    expect(sockets).toHaveLength(3);
  });

  it('refreshes the token before reconnecting when the server closed for an expired token', async () => {
    const { client, last, accept, refreshToken } = setup();
    client.subscribe(pods, { onEvent: () => {}, onResync: () => {} });
    await accept();
    last().drop(4401);
    await vi.advanceTimersByTimeAsync(1_000);
    last().open();
    await vi.waitFor(() => expect(last().ofType('auth')).toEqual([{ type: 'auth', token: 'access-2' }]));
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(client.state).not.toBe('idle');
  });

  it('hands a resync to the consumer and resubscribes under a new id from the reloaded version', async () => {
    const { client, last, accept } = setup();
    const onResync = vi.fn();
    const subscription = client.subscribe(pods, { onEvent: () => {}, onResync }, '5');
    await accept();
    const first = last().ofType('subscribe')[0]!.id;
    last().receive({ type: 'resync', id: first, resourceVersion: '900' });
    expect(onResync).toHaveBeenCalledTimes(1);
    subscription.resumeFrom('900');
    const again = last().ofType('subscribe')[1]!;
    expect(again).toMatchObject({ resourceVersion: '900' });
    expect(again.id).not.toBe(first);
  });

  it('reports a refused subscription and stops following it; closing unsubscribes', async () => {
    const { client, last, accept } = setup();
    const onError = vi.fn();
    client.subscribe(pods, { onEvent: () => {}, onResync: () => {}, onError });
    const other = client.subscribe(
      { ...pods, resource: 'services' },
      { onEvent: () => {}, onResync: () => {} },
    );
    await accept();
    const [refused, kept] = last().ofType('subscribe');
    last().receive({ type: 'error', id: refused!.id, code: 'FORBIDDEN', message: 'needs workloads:view' });
    expect(onError).toHaveBeenCalledWith({ code: 'FORBIDDEN', message: 'needs workloads:view' });
    other.close();
    expect(
      last()
        .ofType('unsubscribe')
        .map((m) => m.id),
    ).toEqual([refused!.id, kept!.id]);
  });

  it('passes cluster status changes to listeners and sends a refreshed token on the open socket', async () => {
    const { client, last, accept } = setup();
    const statuses: string[] = [];
    client.onClusterStatus((cluster, status) => statuses.push(`${cluster}:${status.phase}`));
    await accept();
    last().receive({ type: 'cluster-status', cluster: 'dev', status: { phase: 'Unreachable' } });
    expect(statuses).toEqual(['dev:Unreachable']);
    client.reauthenticate('access-9');
    expect(last().ofType('auth').at(-1)).toEqual({ type: 'auth', token: 'access-9' });
  });
});
