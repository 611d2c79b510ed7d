import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

export interface TlsFront {
  /** `https://127.0.0.1:<port>`: what users would have as ATRIUM_PUBLIC_URL. */
  url: string;
  caFile: string;
  /** The plain-HTTP port of the Atrium behind it. */
  forwardTo(port: number): void;
  close(): Promise<void>;
}

/**
 * TLS in front of Atrium, as an ingress gives it in a deployment: kubectl sends its token only
 * over HTTPS. Bytes are piped after the handshake, so keep-alive and upgrades pass untouched.
 * The self-signed certificate (IP 127.0.0.1) comes from the machine's openssl.
 */
export async function startTlsFront(dir: string): Promise<TlsFront> {
  const keyFile = path.join(dir, 'front.key');
  const caFile = path.join(dir, 'front.crt');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    caFile,
    '-days',
    '1',
    '-subj',
    '/CN=atrium-test',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  let target = 0;
  const open = new Set<net.Socket>();
  const server = tls.createServer(
    { key: await readFile(keyFile), cert: await readFile(caFile) },
    (socket) => {
      const upstream = net.connect(target, '127.0.0.1');
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      for (const end of [socket, upstream]) {
        end.on('error', close);
        end.on('close', close);
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    forwardTo: (value) => (target = value),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
