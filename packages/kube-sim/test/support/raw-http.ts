/** Raw HTTPS requests to a kube-sim cluster, for asserting exact response bodies and headers. */
import { request } from 'node:https';
import type { Cluster } from '../../src/cluster/start-cluster.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Omit to send the admin token; null sends no credentials. */
  token?: string | null;
}

export function raw(cluster: Cluster, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, cluster.url);
  const headers: Record<string, string> = { ...req.headers };
  const token = req.token === undefined ? cluster.adminToken : req.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const r = request(url, { method: req.method ?? 'GET', headers, ca: cluster.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}
