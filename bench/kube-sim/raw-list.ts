/**
 * Paging through all pods over HTTPS without decoding the answers: what the server (and the
 * transfer) costs on its own, to set beside kubectl's and client-node's totals, whose time goes
 * mostly into their own decoding. Only the continue token is read, from the list's metadata,
 * which the server writes before the items.
 */
import { request } from 'node:https';

export interface RawListResult {
  ms: number;
  pages: number;
  mebibytes: number;
}

/** kubectl get's Accept header: Tables, falling back to plain JSON. */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export async function rawListPods(
  server: string,
  token: string,
  caPem: string,
  accept: string,
  limit = 500,
): Promise<RawListResult> {
  const start = performance.now();
  let next: string | undefined;
  let pages = 0;
  let bytes = 0;
  do {
    const query = new URLSearchParams({ limit: String(limit) });
    if (next !== undefined) query.set('continue', next);
    const body = await get(`${server}/api/v1/pods?${query}`, token, caPem, accept);
    bytes += body.length;
    pages++;
    next = /"continue":"([^"]+)"/.exec(body.subarray(0, 4096).toString('utf8'))?.[1];
  } while (next !== undefined);
  return { ms: performance.now() - start, pages, mebibytes: Math.round((bytes / 2 ** 20) * 10) / 10 };
}

function get(url: string, token: string, caPem: string, accept: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}`, accept }, ca: caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`GET ${url}: ${res.statusCode ?? 0}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
