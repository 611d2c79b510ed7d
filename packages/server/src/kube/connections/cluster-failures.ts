/**
 * What went wrong talking to a cluster, as coded errors a user can act on. Every failure of a
 * cluster (unreachable, refusing the credential, answering with an error) is HTTP 502: Atrium
 * acted as a gateway and the cluster failed. Atrium's own 401/403 keep meaning the caller's
 * session and permissions, so a console never mistakes a cluster's refusal for its own.
 */
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';

export const CLUSTER_FAILURE_STATUS = 502;

export function clusterNotFound(name: string): AppError {
  return new AppError('CLUSTER_NOT_FOUND', 404, `Cluster "${name}" is not registered`, { cluster: name });
}

function failure(code: ErrorCode, message: string, details: Record<string, unknown>): AppError {
  return new AppError(code, CLUSTER_FAILURE_STATUS, message, details);
}

export interface RequestTarget {
  /** The API server URL. */
  server: string;
  /** Whether a CA certificate was given, so a TLS failure can say which CA is at fault. */
  caProvided: boolean;
  timeoutMs: number;
}

/** Every `code` along an error's cause chain: fetch wraps the socket's error in its own. */
function errorCodes(error: unknown): { codes: string[]; reason: string } {
  const codes: string[] = [];
  let reason = '';
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { code?: unknown; name?: unknown; reason?: unknown; cause?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (e.name === 'TimeoutError') codes.push('TimeoutError');
    if (typeof e.reason === 'string' && !reason) reason = e.reason;
    current = e.cause;
  }
  return { codes, reason };
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
const TIMEOUTS = new Set(['TimeoutError', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

function tlsFailure(code: string, target: RequestTarget, host: string, reason: string): AppError | null {
  const details = { server: target.server, tlsError: code };
  if (UNKNOWN_CA.has(code)) {
    const message = target.caProvided
      ? "The API server's certificate is not signed by the CA you provided"
      : "The API server's certificate is not signed by a CA Atrium trusts: provide the cluster's CA certificate (caData)";
    return failure('CLUSTER_TLS_ERROR', message, { ...details, reason: 'unknown-ca' });
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    const message = target.caProvided
      ? 'The API server presents a self-signed certificate that is not the CA you provided'
      : 'The API server presents a self-signed certificate: provide it as the CA certificate (caData)';
    return failure('CLUSTER_TLS_ERROR', message, { ...details, reason: 'self-signed' });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return failure(
      'CLUSTER_TLS_ERROR',
      `The API server's certificate is not valid for "${host}" (hostname mismatch): use an address the certificate names`,
      { ...details, reason: 'hostname-mismatch', ...(reason && { detail: reason }) },
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const when = code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet';
    return failure('CLUSTER_TLS_ERROR', `The API server's certificate ${when}`, {
      ...details,
      reason: 'expired',
    });
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return failure(
      'CLUSTER_TLS_ERROR',
      'The TLS handshake with the API server failed: check that the address is an HTTPS port and that a client certificate, if any, is accepted',
      { ...details, reason: 'handshake' },
    );
  }
  return null;
}

/** Turns what a request to `target` threw (DNS, TCP, TLS, timeout) into a coded 502. */
export function networkFailure(error: unknown, target: RequestTarget): AppError {
  if (error instanceof AppError) return error;
  const { codes, reason } = errorCodes(error);
  const url = safeUrl(target.server);
  const host = url?.hostname ?? target.server;
  const details = { server: target.server };
  for (const code of codes) {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
      return failure(
        'CLUSTER_DNS_ERROR',
        `The API server's host name "${host}" could not be resolved (DNS): check the server address`,
        { ...details, host },
      );
    }
    if (code === 'ECONNREFUSED') {
      return failure(
        'CLUSTER_CONNECTION_REFUSED',
        `The API server at ${target.server} refused the connection: nothing is listening there`,
        details,
      );
    }
    if (TIMEOUTS.has(code)) {
      return failure(
        'CLUSTER_TIMEOUT',
        `The API server at ${target.server} did not answer within ${target.timeoutMs / 1000} s`,
        { ...details, timeoutMs: target.timeoutMs },
      );
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
      return failure(
        'CLUSTER_UNREACHABLE',
        `The API server at ${target.server} closed the connection unexpectedly (${code})`,
        { ...details, networkError: code },
      );
    }
    const tls = tlsFailure(code, target, host, reason);
    if (tls) return tls;
  }
  const code = codes[0] ?? 'unknown';
  return failure('CLUSTER_UNREACHABLE', `Could not reach the API server at ${target.server} (${code})`, {
    ...details,
    networkError: code,
  });
}

function safeUrl(server: string): URL | null {
  try {
    return new URL(server);
  } catch {
    return null;
  }
}

export function clusterUnauthorized(server: string): AppError {
  return failure(
    'CLUSTER_UNAUTHORIZED',
    'The API server rejected the credential (401 Unauthorized): the token or certificate is wrong, expired or revoked',
    { server, status: 401 },
  );
}

/** `permission` in kubectl's words, e.g. "list nodes". */
export function clusterForbidden(permission: string, clusterMessage?: string): AppError {
  return failure(
    'CLUSTER_FORBIDDEN',
    `The cluster does not allow Atrium's credential to ${permission} (403 Forbidden)`,
    { permission, ...(clusterMessage && { clusterMessage }) },
  );
}

export function clusterError(status: number, clusterMessage: string, action: string): AppError {
  return failure('CLUSTER_ERROR', `The API server failed to ${action}: ${clusterMessage} (${status})`, {
    status,
    clusterMessage,
  });
}
