/**
 * What extensions add to a cluster's HTTP server: plain handlers for extra non-API paths (a
 * Prometheus scrape endpoint, served before authentication because scrapers send no
 * Kubernetes credentials) and observers that see every request and its response (request
 * metrics).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type PathHandler = (req: IncomingMessage, res: ServerResponse) => void;
export type RequestObserver = (req: IncomingMessage, res: ServerResponse) => void;

export class HttpHooks {
  /** Exact path → handler, answered without authentication. */
  readonly publicPaths = new Map<string, PathHandler>();
  /** Called when each request arrives; may listen for the response's `finish`. */
  readonly observers = new Set<RequestObserver>();

  /** Runs the observers; true when a public path handler answered the request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    for (const observe of this.observers) observe(req, res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = this.publicPaths.get(path);
    if (handler === undefined) return false;
    handler(req, res);
    return true;
  }
}
