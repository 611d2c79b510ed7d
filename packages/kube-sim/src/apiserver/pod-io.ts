/**
 * The hook through which a kubelet simulation serves pods/log, pods/exec, pods/attach and
 * pods/portforward. The API server authenticates, authorizes, runs CONNECT admission and
 * resolves the pod; the handler does the streaming.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../types.ts';
import type { UserInfo } from '../api/request-context.ts';

export interface PodRequest {
  /** The pod as stored (frozen). */
  pod: KubeObject;
  namespace: string;
  name: string;
  /** The query string: container, command, stdin, stdout, tty, follow, tailLines, ports… */
  query: URLSearchParams;
  user: UserInfo;
}

export interface PodIOHandler {
  /**
   * GET pods/<name>/log. Write the log to `res` (set status and Content-Type: text/plain);
   * with follow=true keep writing until the client goes away.
   */
  log?(request: PodRequest, req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /**
   * exec / attach / portforward arrive as HTTP upgrades (WebSocket `v5.channel.k8s.io`,
   * `portforward.k8s.io`, or SPDY/3.1 from older clients). Complete the upgrade on `socket`,
   * e.g. with `new WebSocketServer({ noServer: true }).handleUpgrade(req, socket, head, …)`.
   */
  upgrade?(
    subresource: 'exec' | 'attach' | 'portforward',
    request: PodRequest,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void;
}
