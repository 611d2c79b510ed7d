import { AppError, isAppError } from '../../core/errors/app-error.ts';
import { CLUSTER_FAILURE_STATUS } from '../connections/cluster-failures.ts';
import { KubeApiError, type KubeStatus } from './kube-api-client.ts';

/**
 * Cluster failures follow the registry's convention: HTTP 502 (Atrium acted as a gateway and
 * the cluster failed), so Atrium's own 401/403 keep meaning the caller's session and rights.
 * A cache that is still loading is 503: try again shortly.
 */
export function clusterUnreachable(cluster: string, message: string): AppError {
  return new AppError(
    'CLUSTER_UNREACHABLE',
    CLUSTER_FAILURE_STATUS,
    `Cluster "${cluster}" is unreachable: ${message}`,
    {
      cluster,
    },
  );
}

export function clusterCacheNotReady(cluster: string, resource: string): AppError {
  return new AppError(
    'CLUSTER_CACHE_NOT_READY',
    503,
    `The cache of ${resource} in cluster "${cluster}" is still loading; try again shortly`,
    { cluster, resource },
  );
}

/** Whether an error means "no answer from the cluster" (DNS, refused, TLS, timeout…). */
export function isNetworkFailure(error: unknown): error is AppError {
  return isAppError(error) && error.statusCode === CLUSTER_FAILURE_STATUS && error.code !== 'CLUSTER_ERROR';
}

function fieldErrors(status: KubeStatus) {
  return (status.details?.causes ?? []).map((cause) => ({
    field: cause.field ?? '',
    message: cause.message ?? '',
    reason: cause.reason ?? '',
  }));
}

/**
 * A cluster's refusal as one of our coded errors, keeping the cluster's own message and
 * reason (and for 422 its causes as `details.fields`), so the user reads what Kubernetes said.
 */
export function fromKubeApiError(cluster: string, error: KubeApiError): AppError {
  const { status, statusCode } = error;
  const message = status.message || `The cluster answered ${statusCode}`;
  const details = {
    cluster,
    reason: status.reason ?? '',
    ...(status.details?.kind && { kind: status.details.kind }),
    ...(status.details?.name && { name: status.details.name }),
  };
  const gateway = (code: 'CLUSTER_UNAUTHORIZED' | 'CLUSTER_FORBIDDEN' | 'CLUSTER_ERROR', text: string) =>
    new AppError(code, CLUSTER_FAILURE_STATUS, text, { ...details, status: statusCode });
  switch (statusCode) {
    case 400:
      return new AppError('VALIDATION_FAILED', 400, message, { ...details, field: 'body' });
    case 401:
      return gateway('CLUSTER_UNAUTHORIZED', `Cluster "${cluster}" rejected Atrium's credential (401)`);
    case 403:
      return gateway('CLUSTER_FORBIDDEN', message);
    case 404:
      return new AppError('NOT_FOUND', 404, message, details);
    case 405:
      return new AppError('METHOD_NOT_ALLOWED', 405, message, details);
    case 409:
      return status.reason === 'AlreadyExists'
        ? new AppError('ALREADY_EXISTS', 409, message, { ...details, field: 'metadata.name' })
        : new AppError('CONFLICT', 409, message, details);
    case 410:
      return new AppError('RESOURCE_EXPIRED', 410, message, details);
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, message, details);
    case 422:
      return new AppError('INVALID', 422, message, { ...details, fields: fieldErrors(status) });
    case 429:
      return new AppError('RATE_LIMITED', 429, message, {
        ...details,
        retryAfterSeconds: status.details?.retryAfterSeconds ?? 1,
      });
    default:
      return gateway('CLUSTER_ERROR', message);
  }
}

/** Any failure of a call to a cluster, as a coded error. */
export function toClusterError(cluster: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof KubeApiError) return fromKubeApiError(cluster, error);
  return clusterUnreachable(cluster, error instanceof Error ? error.message : String(error));
}
