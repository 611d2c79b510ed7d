import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
 * install (an IP on a LAN) must not have its requests rewritten to https.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  });
}
