import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * CSP that lets the Vite-built Vue + Element Plus console run: inline styles (Element Plus),
 * data: images and fonts, blob: workers (Monaco), and WebSockets to the same host.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'self'"],
  formAction: ["'self'"],
};

/**
 * Helmet's CSP defaults are off so that `upgrade-insecure-requests` is not sent: a plain-HTTP
 * install (an IP on a LAN) must not have its requests rewritten to https. The middleware is
 * built once: @fastify/helmet builds it again, parsing the policy, on every request.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const applySecurityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  });
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, () => done());
  });
}
