import { AppError, type ErrorDetails } from './app-error.ts';

/** One constructor per failure, so call sites read as what went wrong. */

export function validationFailed(field: string, message: string, details: ErrorDetails = {}): AppError {
  return new AppError('VALIDATION_FAILED', 400, message, { field, ...details });
}

export function invalidJson(message: string): AppError {
  return new AppError('INVALID_JSON', 400, message);
}

export function unauthenticated(message = 'Sign in to use this endpoint'): AppError {
  return new AppError('UNAUTHENTICATED', 401, message);
}

export function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 401, 'Invalid username or password');
}

export function tokenExpired(message = 'The access token has expired'): AppError {
  return new AppError('TOKEN_EXPIRED', 401, message);
}

export function sessionRevoked(): AppError {
  return new AppError('SESSION_REVOKED', 401, 'This session has been signed out; sign in again');
}

export function refreshTokenReused(): AppError {
  return new AppError(
    'REFRESH_TOKEN_REUSED',
    401,
    'This refresh token was already used; the session has been revoked for safety',
  );
}

export interface ScopeDetails {
  type: string;
  id: string;
}

export function forbidden(permission: string, scope: ScopeDetails): AppError {
  return new AppError('FORBIDDEN', 403, `Permission "${permission}" is required`, { permission, scope });
}

export function forbiddenForApiToken(): AppError {
  return new AppError('FORBIDDEN', 403, 'API tokens cannot do this; sign in with your password', {
    reason: 'SESSION_REQUIRED',
  });
}

export function passwordChangeRequired(): AppError {
  return new AppError('PASSWORD_CHANGE_REQUIRED', 403, 'Change your password before continuing');
}

export function accountDisabled(): AppError {
  return new AppError('ACCOUNT_DISABLED', 403, 'This account is disabled');
}

export function notFound(resource: string, id: string): AppError {
  return new AppError('NOT_FOUND', 404, `${resource} "${id}" not found`, { resource, id });
}

export function routeNotFound(method: string, url: string): AppError {
  return new AppError('NOT_FOUND', 404, `Route ${method} ${url} not found`);
}

export function alreadyExists(field: string, message: string): AppError {
  return new AppError('ALREADY_EXISTS', 409, message, { field });
}

export function roleBuiltin(roleName: string): AppError {
  return new AppError('ROLE_BUILTIN', 409, `Built-in role "${roleName}" cannot be changed or deleted`, {
    role: roleName,
  });
}

export function roleInUse(roleName: string, bindings: number): AppError {
  return new AppError('ROLE_IN_USE', 409, `Role "${roleName}" is still bound ${bindings} time(s)`, {
    role: roleName,
    bindings,
  });
}

export function conflict(message: string, details: ErrorDetails = {}): AppError {
  return new AppError('CONFLICT', 409, message, details);
}

export function payloadTooLarge(limitBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', 413, `Request body is larger than ${limitBytes} bytes`, {
    limitBytes,
  });
}

export function unsupportedMediaType(contentType: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `Content type "${contentType}" is not supported`);
}

export function accountLocked(retryAfterSeconds: number): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    423,
    `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
    { retryAfterSeconds },
  );
}

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', 429, `Too many requests; try again in ${retryAfterSeconds} seconds`, {
    retryAfterSeconds,
  });
}

export function internalError(): AppError {
  return new AppError('INTERNAL', 500, 'Internal server error');
}
