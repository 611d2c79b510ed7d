import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeNotFound } from '../errors/errors.ts';
import { sendError } from '../errors/error-handler.ts';
import { registerPublicPlugin } from './public-routes.ts';

/** packages/web/dist, found from this file rather than the working directory. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Atrium</title></head>
<body><h1>Atrium</h1><p>console not built: run npm run build</p>
<p>The API is up: see <a href="/api/docs">/api/docs</a>.</p></body></html>
`;

/** Paths the console never owns: unknown ones there get a JSON 404, not index.html. */
const SERVER_PATHS = /^\/(?:api|k8s|healthz|readyz)(?:[/?#]|$)/;

export function isServerPath(url: string): boolean {
  return SERVER_PATHS.test(url);
}

function setCacheHeaders(reply: FastifyReply, file: string): void {
  // Vite fingerprints everything under assets/; index.html must be revalidated to pick them up.
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built console at `/` with a single-page-app fallback: any GET outside the
 * server's own paths answers index.html, so deep links into the console work.
 */
export async function registerConsole(app: FastifyInstance, consoleDir: string): Promise<void> {
  const built = existsSync(path.join(consoleDir, 'index.html'));
  if (built) {
    await registerPublicPlugin(app, fastifyStatic, {
      root: consoleDir,
      wildcard: true,
      index: 'index.html',
      setHeaders: setCacheHeaders,
    });
  } else {
    app.log.warn({ consoleDir }, 'console not built: run npm run build');
  }

  const sendConsole = (reply: FastifyReply) =>
    built
      ? reply.header('cache-control', 'no-cache').sendFile('index.html')
      : reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const readsPage = request.method === 'GET' || request.method === 'HEAD';
    if (readsPage && !isServerPath(request.url)) return sendConsole(reply);
    return sendError(routeNotFound(request.method, request.url), request, reply);
  });
}
