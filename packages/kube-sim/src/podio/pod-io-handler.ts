/**
 * The kubelet side of pods/log, exec, attach and portforward (the core's PodIOHandler).
 * Port-forward is not simulated: kubectl 1.33 tunnels SPDY inside its WebSocket, so the answer
 * is the kubelet's protocol-negotiation refusal, which kubectl reports as an upgrade error.
 */
import { STATUS_CODES } from 'node:http';
import type { PodIOHandler } from '../apiserver/pod-io.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { serveLog } from './log-handler.ts';
import { StreamHandler } from './stream-handler.ts';

export function podIOHandler(kubelet: Kubelet): PodIOHandler {
  const streams = new StreamHandler(kubelet);
  return {
    log: (request, req, res) => serveLog(kubelet, request, req, res),
    upgrade: (subresource, request, req, socket, head) => {
      if (subresource !== 'portforward') return streams.upgrade(subresource, request, req, socket, head);
      const header = req.headers['sec-websocket-protocol'];
      const offered = (Array.isArray(header) ? header.join(',') : (header ?? ''))
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const body = `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports []`;
      socket.end(
        `HTTP/1.1 403 ${STATUS_CODES[403]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  };
}
