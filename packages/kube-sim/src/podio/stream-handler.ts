/**
 * pods/exec and pods/attach upgrades. The checks come in the order a real cluster makes them:
 * the API server validates the container and the node assignment (400 Status), the kubelet
 * answers `container not found ("c")` (500, plain text) when the container is not running,
 * and only then is the WebSocket accepted with the best channel protocol both sides speak.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Status } from '../types.ts';
import type { PodRequest } from '../apiserver/pod-io.ts';
import { execInContainer } from '../container/index.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import type { ContainerRuntime } from '../kubelet/container-runtime.ts';
import { badRequestStatus, selectContainer } from './container-select.ts';
import { ChannelSocket, chooseProtocol, STDERR, STDOUT, SUPPORTED_PROTOCOLS } from './channel-socket.ts';
import { attachSession } from './attach-session.ts';

function writeRaw(socket: Duplex, code: number, body: string, contentType: string): void {
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: ${contentType}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function writeStatus(socket: Duplex, status: Status): void {
  writeRaw(socket, status.code, JSON.stringify(status), 'application/json');
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function exitStatus(
  argv: string[],
  exitCode: number,
  runtimeMessage?: string,
): Record<string, unknown> {
  if (runtimeMessage !== undefined) {
    const detail = `error executing command in container: failed to exec in container: failed to start exec "${randomBytes(32).toString('hex')}": ${runtimeMessage}`;
    return {
      metadata: {},
      status: 'Failure',
      message: `Internal error occurred: ${detail}`,
      reason: 'InternalError',
      details: { causes: [{ message: detail }] },
      code: 500,
    };
  }
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export class StreamHandler {
  private readonly kubelet: Kubelet;
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => chooseProtocol(offered) ?? false,
  });

  constructor(kubelet: Kubelet) {
    this.kubelet = kubelet;
  }

  upgrade(
    subresource: 'exec' | 'attach',
    request: PodRequest,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void {
    const { pod, query } = request;
    const selected = selectContainer(pod, query.get('container'));
    if ('error' in selected) return writeStatus(socket, selected.error);
    if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) {
      return writeStatus(socket, badRequestStatus(`pod ${request.name} does not have a host assigned`));
    }
    const worker = this.kubelet.worker(request.namespace, request.name);
    const container =
      worker !== undefined && worker.identity.uid === pod.metadata.uid
        ? worker.container(selected.name)
        : undefined;
    if (
      container === undefined ||
      !container.running ||
      !this.kubelet.fleet.isUp(worker?.identity.nodeName ?? '')
    ) {
      return writeRaw(socket, 500, `container not found ("${selected.name}")`, 'text/plain; charset=utf-8');
    }
    const offered = offeredProtocols(req);
    if (req.headers.upgrade?.toLowerCase() !== 'websocket' || chooseProtocol(offered) === undefined) {
      return writeRaw(
        socket,
        403,
        `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${SUPPORTED_PROTOCOLS.join(' ')}]`,
        'text/plain; charset=utf-8',
      );
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const channels = new ChannelSocket(ws, chooseProtocol(offered) ?? 'v4.channel.k8s.io');
      if (subresource === 'exec') void this.exec(channels, container, query);
      else attachSession(this.kubelet, channels, container, query);
    });
  }

  private async exec(
    channels: ChannelSocket,
    container: ContainerRuntime,
    query: URLSearchParams,
  ): Promise<void> {
    const argv = query.getAll('command');
    const tty = query.get('tty') === 'true' || query.get('tty') === '1';
    const wantsStdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
    try {
      const result = await execInContainer(argv, container.execContext(channels.signal), {
        stdin: wantsStdin ? channels.stdin() : null,
        stdout: (chunk) => channels.send(STDOUT, chunk),
        stderr: (chunk) => channels.send(STDERR, chunk),
        tty,
        terminalSize: () => channels.terminalSize(),
      });
      channels.finish(exitStatus(argv, result.exitCode, result.message));
    } catch (err) {
      channels.finish({
        metadata: {},
        status: 'Failure',
        message: `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
        reason: 'InternalError',
        code: 500,
      });
    }
  }
}
