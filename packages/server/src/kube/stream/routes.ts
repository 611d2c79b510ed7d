import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorResponse } from '../../core/http/schemas.ts';
import type { StreamHub } from './stream-hub.ts';

/**
 * GET /api/v1/stream: the multiplexed watch socket (protocol in ./protocol.ts). The route is
 * public at the HTTP level because browsers cannot send Authorization on a WebSocket; the
 * first message authenticates, and nothing is sent before it does.
 *
 * @fastify/websocket is registered here, in this plugin only: it takes every HTTP upgrade of
 * the server and routes it through Fastify, which is how the kubectl proxy's routes (outside
 * this plugin, so left alone by it) receive exec/attach/port-forward upgrades as plain requests.
 */
export const streamRoutes: FastifyPluginAsync<{ hub: StreamHub }> = async (app, { hub }) => {
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.addHook('onClose', async () => hub.close());
  app.get(
    '/stream',
    {
      websocket: true,
      config: { access: { public: true } },
      schema: {
        tags: ['stream'],
        summary: 'Watch events of cluster objects over one WebSocket (authenticate with the first message)',
        response: { 404: ErrorResponse },
      },
    },
    (socket, request) => hub.accept(socket, request.ip),
  );
};
