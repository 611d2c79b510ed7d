/**
 * API errors carry the meta.k8s.io Status a real kube-apiserver would answer with. Every layer
 * throws `ApiError`; the HTTP layer writes `err.status` verbatim and the internal client rethrows
 * it, so controllers see exactly what kubectl would see.
 */
import type { Status, StatusCause } from '../types.ts';

export class ApiError extends Error {
  readonly status: Status;
  /** Extra response headers (Retry-After for 429, for example). */
  readonly headers: Record<string, string>;

  constructor(status: Status, headers: Record<string, string> = {}) {
    super(status.message);
    this.name = 'ApiError';
    this.status = status;
    this.headers = headers;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Identifies the resource an error is about, like `deployments.apps "x"` in messages. */
export interface ResourceRef {
  group: string;
  /** Plural resource name, e.g. deployments. */
  resource: string;
  name?: string;
}

/** `deployments.apps` or `pods` — how the real server names a resource in messages. */
export function qualifiedResource(ref: Pick<ResourceRef, 'group' | 'resource'>): string {
  return ref.group === '' ? ref.resource : `${ref.resource}.${ref.group}`;
}

type Details = NonNullable<Status['details']>;

export function statusFailure(
  code: number,
  reason: string | undefined,
  message: string,
  details?: Details,
): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
  if (reason !== undefined) status.reason = reason;
  if (details !== undefined) status.details = details;
  return status;
}

function refDetails(ref: ResourceRef): Details {
  const details: Details = {};
  if (ref.name !== undefined) details.name = ref.name;
  details.group = ref.group;
  details.kind = ref.resource;
  return details;
}

export function notFound(ref: ResourceRef): ApiError {
  const what = qualifiedResource(ref);
  const message = ref.name === undefined ? `${what} not found` : `${what} "${ref.name}" not found`;
  return new ApiError(statusFailure(404, 'NotFound', message, refDetails(ref)));
}

/** The body of a 404 for a path that names no known resource. */
export function resourceNotFound(): ApiError {
  return new ApiError(statusFailure(404, 'NotFound', 'the server could not find the requested resource', {}));
}

export function alreadyExists(ref: ResourceRef): ApiError {
  const message = `${qualifiedResource(ref)} "${ref.name ?? ''}" already exists`;
  return new ApiError(statusFailure(409, 'AlreadyExists', message, refDetails(ref)));
}

export function conflict(ref: ResourceRef, detail: string): ApiError {
  const message = `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${ref.name ?? ''}": ${detail}`;
  return new ApiError(statusFailure(409, 'Conflict', message, refDetails(ref)));
}

export const OBJECT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

export function staleResourceVersion(ref: ResourceRef): ApiError {
  return conflict(ref, OBJECT_MODIFIED);
}

/**
 * 422 Invalid: `Deployment.apps "x" is invalid: spec.selector: Required value`. The real server
 * names the Kind (not the resource) here, qualified by group.
 */
export function invalid(
  kind: { group: string; kind: string },
  name: string,
  causes: StatusCause[],
): ApiError {
  const qualifiedKind = kind.group === '' ? kind.kind : `${kind.kind}.${kind.group}`;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  const message = `${qualifiedKind} "${name}" is invalid: ${summary}`;
  return new ApiError(
    statusFailure(422, 'Invalid', message, { name, group: kind.group, kind: kind.kind, causes }),
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(statusFailure(400, 'BadRequest', message));
}

export function methodNotSupported(ref: Pick<ResourceRef, 'group' | 'resource'>, verb: string): ApiError {
  const message = `${verb} is not supported on resources of kind "${qualifiedResource(ref)}"`;
  return new ApiError(
    statusFailure(405, 'MethodNotAllowed', message, { group: ref.group, kind: ref.resource }),
  );
}

export function notAcceptable(): ApiError {
  return new ApiError(
    statusFailure(
      406,
      'NotAcceptable',
      'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ),
  );
}

export function unsupportedMediaType(contentType: string, supported: string[]): ApiError {
  const message = `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`;
  void contentType;
  return new ApiError(statusFailure(415, 'UnsupportedMediaType', message));
}

export function gone(message: string): ApiError {
  return new ApiError(statusFailure(410, 'Gone', message));
}

/** 410 with reason Expired: what the watch cache and list continuation answer. */
export function resourceExpired(message: string): ApiError {
  return new ApiError(statusFailure(410, 'Expired', message));
}

export function forbidden(message: string, ref?: ResourceRef): ApiError {
  const details = ref === undefined ? {} : refDetails(ref);
  return new ApiError(statusFailure(403, 'Forbidden', message, details));
}

export function unauthorized(): ApiError {
  return new ApiError(statusFailure(401, 'Unauthorized', 'Unauthorized'));
}

export function tooManyRequests(
  message: string,
  retryAfterSeconds?: number,
  causes?: StatusCause[],
): ApiError {
  const details: Details = {};
  if (retryAfterSeconds !== undefined) details.retryAfterSeconds = retryAfterSeconds;
  if (causes !== undefined) details.causes = causes;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return new ApiError(statusFailure(429, 'TooManyRequests', message, details), headers);
}

export function internalError(message: string): ApiError {
  return new ApiError(
    statusFailure(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ reason: '', message }],
    }),
  );
}

export function serverTimeout(message: string, causes?: StatusCause[]): ApiError {
  const details: Details = {};
  if (causes !== undefined) details.causes = causes;
  return new ApiError(statusFailure(504, 'Timeout', message, details));
}

/** The real server refuses writes into a namespace that is being deleted with this 403. */
export function namespaceTerminating(ref: ResourceRef, namespace: string): ApiError {
  const what = qualifiedResource(ref);
  const subject = ref.name === undefined || ref.name === '' ? what : `${what} "${ref.name}"`;
  const message = `${subject} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`;
  const status = statusFailure(403, 'Forbidden', message, {
    ...refDetails(ref),
    causes: [
      {
        reason: 'NamespaceTerminating',
        message: `namespace ${namespace} is being terminated`,
        field: 'metadata.namespace',
      },
    ],
  });
  return new ApiError(status);
}
