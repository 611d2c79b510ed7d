import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClusterConnection } from '../connections/cluster-connections.ts';
import { upstreamTarget, upstreamUrl } from '../cache/kube-transport.ts';

/** Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * What the caller sent that must not reach the cluster: their Atrium credential, cookies, and
 * impersonation or authenticating-proxy headers the cluster would honour for Atrium's account.
 */
function isStripped(name: string): boolean {
  return (
    HOP_BY_HOP.has(name) ||
    name === 'authorization' ||
    name === 'cookie' ||
    name === 'host' ||
    name.startsWith('impersonate-') ||
    name.startsWith('x-remote-')
  );
}

export function forwardedRequestHeaders(headers: IncomingHttpHeaders, upgrade: boolean): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !isStripped(name)) result[name] = value;
  }
  if (upgrade && headers.upgrade) {
    result['connection'] = 'Upgrade';
    result['upgrade'] = headers.upgrade;
  }
  return result;
}

export function forwardedResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  }
  return result;
}

export interface UpstreamCall {
  request: ClientRequest;
  /** The response, or for an upgrade the 101 with the cluster's socket. */
  answer: Promise<
    | { kind: 'response'; response: IncomingMessage }
    | { kind: 'upgrade'; response: IncomingMessage; socket: Duplex; head: Buffer }
  >;
}

/**
 * Opens the same request on the cluster with the pool's credential (added here, never sent
 * back). The caller streams the body into `request` and the answer back out.
 */
export async function openUpstream(
  connection: ClusterConnection,
  method: string,
  pathAndQuery: string,
  headers: IncomingHttpHeaders,
  upgrade: boolean,
): Promise<UpstreamCall> {
  const target = await upstreamTarget(connection.kubeConfig);
  const outgoing = { ...forwardedRequestHeaders(headers, upgrade), ...target.headers };
  const request = target.request(upstreamUrl(target, pathAndQuery), {
    method,
    headers: outgoing,
    agent: target.agent,
    auth: target.auth,
  });
  // Bounds only the connect; watches and log streams stay open as long as both sides want.
  request.setTimeout(connection.timeouts.connectMs, () => {
    if (!request.socket || request.socket.connecting) request.destroy(new Error('connect timeout'));
  });
  request.on('socket', (socket) => {
    if (socket.connecting) socket.once('connect', () => request.setTimeout(0));
    else request.setTimeout(0);
  });
  const answer = new Promise<Awaited<UpstreamCall['answer']>>((resolve, reject) => {
    request.once('response', (response) => resolve({ kind: 'response', response }));
    request.once('upgrade', (response, socket, head) => resolve({ kind: 'upgrade', response, socket, head }));
    request.once('error', reject);
  });
  return { request, answer };
}
