import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** e.g. http://127.0.0.1:41234: what the browser talks to instead of the server. */
  url: string;
  /**
   * The network goes away: every open connection (the watch socket included) is reset and new
   * ones are refused until `restore()`. The server itself keeps running.
   */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of the server under test, so that a test can cut the browser's network
 * the way a flaky link does, without any hook in the product.
 */
export function startTcpProxy(target: URL): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        cut() {
          down = true;
          for (const socket of open) socket.resetAndDestroy();
          open.clear();
        },
        restore() {
          down = false;
        },
        close() {
          for (const socket of open) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
