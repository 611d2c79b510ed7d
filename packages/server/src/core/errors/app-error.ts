export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOKEN_EXPIRED'
  | 'SESSION_REVOKED'
  | 'REFRESH_TOKEN_REUSED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'ACCOUNT_DISABLED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ROLE_BUILTIN'
  | 'ROLE_IN_USE'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  // Clusters: reaching and using a registered or candidate cluster (src/kube).
  | 'CLUSTER_NOT_FOUND'
  | 'CLUSTER_DNS_ERROR'
  | 'CLUSTER_TLS_ERROR'
  | 'CLUSTER_CONNECTION_REFUSED'
  | 'CLUSTER_TIMEOUT'
  | 'CLUSTER_UNREACHABLE'
  | 'CLUSTER_UNAUTHORIZED'
  | 'CLUSTER_FORBIDDEN'
  | 'CLUSTER_ERROR'
  | 'DRAIN_BLOCKED'
  // Cluster data plane (caches, resource API): the cluster's own answer, or why there is none yet.
  | 'CLUSTER_CACHE_NOT_READY'
  | 'INVALID'
  | 'RESOURCE_EXPIRED'
  | 'METHOD_NOT_ALLOWED';

export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type the API answers with. Its code, status and details become the body
 * `{ error: { code, message, details } }`; anything else thrown becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, statusCode: number, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
