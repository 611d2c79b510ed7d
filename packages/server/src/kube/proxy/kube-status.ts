import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../core/errors/app-error.ts';

/** Kubernetes' reason for each HTTP status, as its Status objects carry. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'ServiceUnavailable',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** An Atrium error as the Status object kubectl understands, Atrium's code kept in details. */
export function kubeStatus(error: AppError) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: REASONS[error.statusCode] ?? 'Unknown',
    details: { causes: [{ reason: error.code, message: error.message }] },
    code: error.statusCode,
  };
}

/** For a hijacked reply: writes the Status by hand, marking the request for the audit hook. */
export function respondWithStatus(request: FastifyRequest, reply: FastifyReply, error: AppError): void {
  request.errorCode = error.code;
  const raw = reply.raw;
  if (raw.headersSent) {
    raw.destroy();
    return;
  }
  const body = JSON.stringify(kubeStatus(error));
  raw.writeHead(error.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  raw.end(body);
}
