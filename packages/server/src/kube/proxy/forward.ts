import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { AppError } from '../../core/errors/app-error.ts';
import { networkFailure } from '../connections/cluster-failures.ts';
import type { ClusterConnection } from '../connections/cluster-connections.ts';
import { KubeApiClient } from '../cache/kube-api-client.ts';
import type { KubeObject } from '../cache/resource-ref.ts';
import { isSession, isWrite, type ProxyAudit } from './proxy-audit.ts';
import type { RequestInfo } from './request-info.ts';
import { forwardedResponseHeaders, openUpstream } from './upstream.ts';

export interface ProxiedRequest {
  request: FastifyRequest;
  reply: FastifyReply;
  connection: ClusterConnection;
  info: RequestInfo;
  pathAndQuery: string;
  workspaceId: string | undefined;
  context: ChangeContext;
}

interface ForwardDeps {
  audit: ProxyAudit;
  log: FastifyBaseLogger;
}

/** Response bodies of writes are kept up to this size for the audit diff. */
const MAX_AUDITED_BODY = 1024 * 1024;

export function isUpgrade(request: FastifyRequest): boolean {
  const connection = String(request.headers.connection ?? '').toLowerCase();
  return request.headers.upgrade !== undefined && connection.split(',').some((t) => t.trim() === 'upgrade');
}

/** The object as it is before a write, for the audit diff; null when unreadable. */
async function readBefore(p: ProxiedRequest): Promise<KubeObject | null> {
  const { info } = p;
  if (!isWrite(info) || !info.name || info.verb === 'create' || isSession(info)) return null;
  try {
    return await new KubeApiClient(p.connection.kubeConfig).request<KubeObject>({ path: info.path });
  } catch {
    return null;
  }
}

function auditFailure(deps: ForwardDeps, error: unknown): void {
  deps.log.error({ err: error }, 'could not audit a kubectl request');
}

/** The 101 goes back verbatim (with the cluster's handshake headers), then bytes flow both ways. */
function tunnel(
  p: ProxiedRequest,
  deps: ForwardDeps,
  upstream: { response: IncomingMessage; socket: Duplex; head: Buffer },
) {
  const client = p.request.raw.socket;
  const { response, socket, head } = upstream;
  const lines = [`HTTP/1.1 101 ${response.statusMessage || 'Switching Protocols'}`];
  for (let i = 0; i < response.rawHeaders.length; i += 2)
    lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
  client.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length) client.write(head);
  socket.pipe(client);
  client.pipe(socket);
  const close = () => {
    socket.destroy();
    client.destroy();
  };
  socket.on('error', close);
  client.on('error', close);
  socket.on('close', close);
  client.on('close', close);
  if (isSession(p.info) && p.info.isResource) {
    const query = new URLSearchParams(p.pathAndQuery.split('?', 2)[1] ?? '');
    void deps.audit
      .recordSession(p.context, p.info, {
        cluster: p.connection.name,
        workspaceId: p.workspaceId,
        statusCode: 101,
        query,
      })
      .catch((error: unknown) => auditFailure(deps, error));
  }
}

/** Streams the cluster's answer back; writes and sessions are audited before the response ends. */
function respond(
  p: ProxiedRequest,
  deps: ForwardDeps,
  response: IncomingMessage,
  before: KubeObject | null,
  upgrade: boolean,
) {
  const raw = p.reply.raw;
  const status = response.statusCode ?? 502;
  const headers = forwardedResponseHeaders(response.headers);
  // A refused upgrade ends its connection: the client is waiting for a 101 that will not come.
  if (upgrade) headers['connection'] = 'close';
  raw.writeHead(status, headers);
  const write = isWrite(p.info) && !isSession(p.info) && status < 400;
  const chunks: Buffer[] = [];
  let kept = 0;
  response.on('data', (chunk: Buffer) => {
    if (write && kept < MAX_AUDITED_BODY) {
      chunks.push(chunk);
      kept += chunk.length;
    }
    if (!raw.write(chunk)) {
      response.pause();
      raw.once('drain', () => response.resume());
    }
  });
  response.on('end', () => {
    const finish = () => raw.end();
    const info = p.info;
    const cluster = p.connection.name;
    let recording: Promise<void> | null = null;
    if (write && isWrite(info)) {
      const body = kept <= MAX_AUDITED_BODY ? Buffer.concat(chunks) : null;
      recording = deps.audit.recordWrite(p.context, info, {
        cluster,
        workspaceId: p.workspaceId,
        statusCode: status,
        before,
        body,
      });
    } else if (isSession(info) && info.isResource) {
      const query = new URLSearchParams(p.pathAndQuery.split('?', 2)[1] ?? '');
      recording = deps.audit.recordSession(p.context, info, {
        cluster,
        workspaceId: p.workspaceId,
        statusCode: status,
        query,
      });
    }
    if (!recording) return finish();
    recording.catch((error: unknown) => auditFailure(deps, error)).finally(finish);
  });
  response.on('error', () => raw.destroy());
  raw.on('close', () => response.destroy());
}

/**
 * Sends the request to the cluster and its answer back: a plain response is streamed (watches
 * and `logs -f` included), an upgrade is tunnelled. Past this point the reply is hijacked, so
 * failures are written as Status objects by `fail`.
 */
export async function forwardRequest(p: ProxiedRequest, deps: ForwardDeps, fail: (error: AppError) => void) {
  const { request, reply, connection } = p;
  const upgrade = isUpgrade(request);
  const before = await readBefore(p);
  reply.hijack();
  const cluster = connection.kubeConfig.getCurrentCluster();
  const target = {
    server: cluster?.server ?? '',
    caProvided: Boolean(cluster?.caData || cluster?.caFile),
    timeoutMs: connection.timeouts.connectMs,
  };
  let answer;
  try {
    const call = await openUpstream(connection, request.method, p.pathAndQuery, request.headers, upgrade);
    if (upgrade || request.method === 'GET' || request.method === 'HEAD') call.request.end();
    else request.raw.pipe(call.request);
    // The caller went away before the answer: stop asking the cluster.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) call.request.destroy();
    });
    answer = await call.answer;
  } catch (error) {
    return fail(networkFailure(error, target));
  }
  if (answer.kind === 'upgrade') return tunnel(p, deps, answer);
  respond(p, deps, answer.response, before, upgrade);
}
