/**
 * The listening server (HTTPS with client-certificate support, or plain HTTP for benchmarks),
 * connection tracking, fault injection, open-watch bookkeeping and upgrade requests
 * (exec/attach/portforward) handed to the kubelet's PodIOHandler.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { ApiError, internalError, resourceNotFound } from '../api/errors.ts';
import { requireObject } from '../api/api-deps.ts';
import { admit } from '../api/writes.ts';
import { newContext } from '../api/request-context.ts';
import type { Status } from '../types.ts';
import { authorizeRequest, handleRequest, type PipelineParts } from './request-handler.ts';
import type { OpenWatch } from './watch-stream.ts';
import { writeError } from './respond.ts';

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
  caPem: string;
}

export interface ListenOptions {
  host: string;
  port: number;
  tls?: TlsMaterial;
}

export class FaultState {
  unreachable = false;
  latencyMs = 0;
  errorRate = 0;
}

export class ApiServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly openWatches = new Set<OpenWatch>();
  private readonly parts: PipelineParts;
  readonly faults = new FaultState();
  private listenOptions: ListenOptions;
  private boundPort = 0;

  constructor(parts: Omit<PipelineParts, 'watches'>, listen: ListenOptions) {
    this.listenOptions = listen;
    this.parts = {
      ...parts,
      watches: { add: (w) => this.openWatches.add(w), delete: (w) => this.openWatches.delete(w) },
    };
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.onRequest(req, res);
    this.server = listen.tls
      ? createHttpsServer(
          {
            key: listen.tls.keyPem,
            cert: listen.tls.certPem,
            ca: listen.tls.caPem,
            requestCert: true,
            rejectUnauthorized: false,
          },
          handler,
        )
      : createHttpServer(handler);
    this.server.on('connection', (socket: Socket) => {
      if (this.faults.unreachable) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }

  get port(): number {
    return this.boundPort;
  }

  get protocol(): 'https' | 'http' {
    return this.listenOptions.tls ? 'https' : 'http';
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.listenOptions.port, this.listenOptions.host, () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    for (const watch of this.openWatches) watch.destroy();
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Closes the port and every connection (the cluster looks dead), or reopens it. */
  async setUnreachable(unreachable: boolean): Promise<void> {
    this.faults.unreachable = unreachable;
    if (unreachable) {
      await this.stop();
    } else if (!this.server.listening) {
      this.listenOptions = { ...this.listenOptions, port: this.boundPort };
      await this.start();
    }
  }

  /** Ends every open watch stream (cleanly, as a server-side timeout would). */
  dropWatches(options: { abrupt?: boolean } = {}): number {
    const watches = [...this.openWatches];
    for (const watch of watches) {
      if (options.abrupt === true) watch.destroy();
      else watch.end();
    }
    return watches.length;
  }

  get openWatchCount(): number {
    return this.openWatches.size;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (this.faults.errorRate > 0 && Math.random() < this.faults.errorRate) {
      writeError(res, internalError('injected fault'));
      return;
    }
    if (this.parts.http?.handle(req, res) === true) return;
    await handleRequest(req, res, this.parts);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      if (this.faults.unreachable) {
        socket.destroy();
        return;
      }
      const { user, info, query } = authorizeRequest(req, this.parts);
      const subresource = info.resourceRequest ? info.subresource : '';
      if (
        !info.resourceRequest ||
        info.apiGroup !== '' ||
        info.resource !== 'pods' ||
        (subresource !== 'exec' && subresource !== 'attach' && subresource !== 'portforward')
      ) {
        throw resourceNotFound();
      }
      const { api } = this.parts;
      const kind = api.kind('', info.apiVersion, 'pods');
      const pod = requireObject(api.deps, kind, info.namespace, info.name);
      const ctx = newContext(user);
      const options = Object.fromEntries(query.entries());
      admit(api.deps, 'CONNECT', kind, undefined, pod, { ctx, options: {} }, subresource, options);
      const handler = this.parts.podIO()?.upgrade;
      if (handler === undefined) {
        throw new ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          code: 501,
          reason: 'NotImplemented',
          message: `pods/${subresource} is not served by this kube-sim cluster (no kubelet simulation)`,
        });
      }
      handler(
        subresource,
        { pod, namespace: info.namespace, name: info.name, query, user },
        req,
        socket,
        head,
      );
    } catch (err) {
      const status: Status = err instanceof ApiError ? err.status : internalError(String(err)).status;
      writeRawStatus(socket, status);
    }
  }
}

/** An HTTP response written straight to an upgrade socket. */
function writeRawStatus(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
