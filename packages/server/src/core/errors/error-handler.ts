import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from './app-error.ts';
import {
  internalError,
  invalidJson,
  payloadTooLarge,
  routeNotFound,
  unsupportedMediaType,
  validationFailed,
} from './errors.ts';
import { describeValidationError } from './validation-errors.ts';

function validationError(error: FastifyError, request: FastifyRequest): AppError {
  const part = error.validationContext ?? 'body';
  const schema = request.routeOptions.schema as Record<string, unknown> | undefined;
  const partSchema = schema?.[part] ?? (part === 'querystring' ? schema?.['query'] : undefined);
  const first = error.validation?.[0];
  if (!first) return validationFailed(part, error.message);
  const problem = describeValidationError(first, partSchema, part);
  return validationFailed(problem.field, problem.message, { in: part });
}

/** Maps what Fastify and its plugins throw onto our error codes. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return validationError(error as FastifyError, request);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJson('The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidJson('The request body is empty but content-type is application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge(request.routeOptions.bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(String(request.headers['content-type'] ?? ''));
  }
  // secure-json-parse throws a plain SyntaxError (status 400) for malformed bodies.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return invalidJson('The request body is not valid JSON');
  }
  if (fastifyError.statusCode === 404) return routeNotFound(request.method, request.url);
  return internalError();
}

export function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.errorCode = error.code;
  if (error.code === 'RATE_LIMITED' || error.code === 'ACCOUNT_LOCKED') {
    reply.header('retry-after', String(error.details['retryAfterSeconds'] ?? ''));
  }
  return reply
    .code(error.statusCode)
    .type('application/json; charset=utf-8')
    .send({ error: { code: error.code, message: error.message, details: error.details } });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.debug({ code: appError.code, message: appError.message }, 'request rejected');
    }
    return sendError(appError, request, reply);
  });
}
