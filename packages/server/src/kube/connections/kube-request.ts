import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch } from 'undici';
import type { AppError } from '../../core/errors/app-error.ts';
import { ClusterKubeConfig } from './cluster-kube-config.ts';
import { DEFAULT_CLUSTER_TIMEOUTS } from './connection-spec.ts';
import { clusterError, clusterForbidden, clusterUnauthorized, networkFailure } from './cluster-failures.ts';

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/api/v1/nodes?limit=500`. */
  path: string;
  body?: unknown;
  /** Defaults to application/json; patches name their flavour. */
  contentType?: string;
  /** Overrides the connection's request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeResponse<T = unknown> {
  status: number;
  /** Parsed JSON when the server sent JSON, the text otherwise. */
  body: T;
}

/** The Status object Kubernetes answers errors with. */
export interface KubeStatus {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string; message?: string }[] };
}

function timeoutOf(kubeConfig: KubeConfig, request: KubeRequest): number {
  if (request.timeoutMs !== undefined) return request.timeoutMs;
  return kubeConfig instanceof ClusterKubeConfig
    ? kubeConfig.timeouts.requestMs
    : DEFAULT_CLUSTER_TIMEOUTS.requestMs;
}

/**
 * One request to a cluster's API server through its KubeConfig (credentials, TLS and the
 * pooled connections). HTTP errors come back as responses; failing to get any answer at all
 * (DNS, refused, TLS, timeout) throws the coded 502 that says which.
 */
export async function kubeRequest<T = unknown>(
  kubeConfig: KubeConfig,
  request: KubeRequest,
): Promise<KubeResponse<T>> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the KubeConfig has no current cluster');
  const url = `${cluster.server.replace(/\/+$/, '')}${request.path}`;
  const timeoutMs = timeoutOf(kubeConfig, request);
  const method = request.method ?? 'GET';
  const context = new RequestContext(url, HttpMethod[method]);
  const timeout = AbortSignal.timeout(timeoutMs);
  context.setSignal(request.signal ? AbortSignal.any([timeout, request.signal]) : timeout);
  const target = { server: cluster.server, caProvided: Boolean(cluster.caData || cluster.caFile), timeoutMs };
  try {
    await kubeConfig.applySecurityAuthentication(context);
    const headers: Record<string, string> = { ...context.getHeaders(), accept: 'application/json' };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = request.contentType ?? 'application/json';
      body = JSON.stringify(request.body);
    }
    const response = await fetch(url, {
      method,
      headers,
      body,
      dispatcher: context.getDispatcher(),
      signal: context.getSignal(),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: (json ? parseJson(text) : text) as T };
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw networkFailure(error, target);
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}

/** The message of a Kubernetes Status body, or the start of a plain-text answer. */
export function statusMessage(body: unknown): string {
  if (body && typeof body === 'object' && typeof (body as KubeStatus).message === 'string') {
    return (body as KubeStatus).message as string;
  }
  return typeof body === 'string' && body ? body.slice(0, 300) : 'no message';
}

/**
 * The coded error for an HTTP failure: 401 and 403 say what the credential lacks; anything
 * else quotes the cluster's own message. `permission` reads like kubectl's ("list nodes").
 */
export function responseFailure(response: KubeResponse, server: string, permission: string): AppError {
  if (response.status === 401) return clusterUnauthorized(server);
  if (response.status === 403) return clusterForbidden(permission, statusMessage(response.body));
  return clusterError(response.status, statusMessage(response.body), permission);
}

export function isSuccess(response: KubeResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
