import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from '../connections/kube-request.ts';

/** A Kubernetes `Status` object, as clusters answer failures. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

/** The cluster answered with an error status. */
export class KubeApiError extends Error {
  readonly statusCode: number;
  readonly status: KubeStatus;

  constructor(statusCode: number, status: KubeStatus) {
    super(status.message || `the cluster answered ${statusCode}`);
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.status = status;
  }
}

export interface KubeApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON (a server-side apply body too: JSON is YAML). */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Overrides the connection's request timeout. */
  timeoutMs?: number;
}

function pathWithQuery(path: string, query: KubeApiRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function asStatus(statusCode: number, body: unknown): KubeStatus {
  if (body && typeof body === 'object') return body as KubeStatus;
  return {
    message: typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${statusCode}`,
    code: statusCode,
  };
}

/**
 * JSON requests to one cluster through the pool's transport (its credential, TLS, keep-alive
 * connections and timeouts). The cluster saying no is thrown as KubeApiError, keeping its
 * Status; not getting an answer is thrown as the pool's coded network failure (502).
 */
export class KubeApiClient {
  readonly #kubeConfig: KubeConfig;

  constructor(kubeConfig: KubeConfig) {
    this.#kubeConfig = kubeConfig;
  }

  async request<T = unknown>(request: KubeApiRequest): Promise<T> {
    const response = await kubeRequest<T>(this.#kubeConfig, {
      method: request.method ?? 'GET',
      path: pathWithQuery(request.path, request.query),
      ...(request.body !== undefined && { body: request.body }),
      ...(request.contentType && { contentType: request.contentType }),
      ...(request.signal && { signal: request.signal }),
      ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
    });
    if (response.status >= 200 && response.status < 300) return response.body;
    throw new KubeApiError(response.status, asStatus(response.status, response.body));
  }
}
