/**
 * The request pipeline of the HTTP server: authenticate, derive request attributes, authorize
 * (RBAC), then route to the resource or non-resource handlers. Every failure is a Status body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, forbidden, internalError, unauthorized } from '../api/errors.ts';
import { newContext, type UserInfo } from '../api/request-context.ts';
import { ANONYMOUS_USER, type Authenticator } from '../auth/authenticator.ts';
import { forbiddenMessage, type RbacAuthorizer, type RequestAttributes } from '../auth/rbac-authorizer.ts';
import { impersonatedUser } from '../auth/impersonation.ts';
import { requestInfo, type RequestInfo } from './request-info.ts';
import { handleNonResource, isPublicInfoPath, type NonResourceParts } from './non-resource-handler.ts';
import { handleResourceRequest } from './resource-handler.ts';
import { writeError } from './respond.ts';
import type { HttpExchange, ServerParts } from './http-context.ts';
import type { HttpHooks } from './http-hooks.ts';

export interface PipelineParts extends ServerParts, NonResourceParts {
  authenticator: Authenticator;
  authorizer: RbacAuthorizer;
  /**
   * Who a request without credentials is. Plain-HTTP clusters behave like the old insecure port
   * (kubectl never sends tokens over plain HTTP); HTTPS clusters leave this unset (401).
   */
  credentiallessUser?: UserInfo;
  /** Extra public paths and request observers installed by extensions. */
  http?: HttpHooks;
}

export interface AuthorizedRequest {
  user: UserInfo;
  info: RequestInfo;
  path: string;
  query: URLSearchParams;
}

/** Authenticates and authorizes; throws the 401/403 ApiError otherwise. */
export function authorizeRequest(req: IncomingMessage, parts: PipelineParts): AuthorizedRequest {
  const url = new URL(req.url ?? '/', 'https://kube-sim.invalid');
  const path = decodeURIComponent(url.pathname);
  const query = url.searchParams;
  const result = parts.authenticator.authenticateRequest(req.headers, req.socket);
  let user: UserInfo;
  if (result.kind === 'user') user = result.user;
  else if (result.kind === 'anonymous' && parts.credentiallessUser !== undefined)
    user = parts.credentiallessUser;
  else if (result.kind === 'anonymous' && isPublicInfoPath(path)) user = ANONYMOUS_USER;
  else throw unauthorized();
  user = impersonatedUser(user, req.headers, parts.authorizer);
  const info = requestInfo(req.method ?? 'GET', path, query);
  const attributes = attributesOf(user, info);
  if (!parts.authorizer.authorize(attributes)) {
    const ref = info.resourceRequest
      ? { group: info.apiGroup, resource: info.resource, ...(info.name === '' ? {} : { name: info.name }) }
      : undefined;
    throw forbidden(forbiddenMessage(attributes), ref);
  }
  return { user, info, path, query };
}

export function attributesOf(user: UserInfo, info: RequestInfo): RequestAttributes {
  if (!info.resourceRequest) {
    return {
      user,
      verb: info.verb,
      resourceRequest: false,
      apiGroup: '',
      resource: '',
      subresource: '',
      namespace: '',
      name: '',
      path: info.path,
    };
  }
  return {
    user,
    verb: info.verb,
    resourceRequest: true,
    apiGroup: info.apiGroup,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    name: info.name,
    path: info.path,
  };
}

export async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  parts: PipelineParts,
): Promise<void> {
  let warnings: string[] = [];
  try {
    const { user, info, path, query } = authorizeRequest(req, parts);
    const ctx = newContext(user);
    warnings = ctx.warnings;
    const exchange: HttpExchange = { req, res, path, query, user, ctx };
    if (info.resourceRequest) await handleResourceRequest(exchange, info, parts);
    else handleNonResource(exchange, parts);
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const apiError =
      err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
    if (!(err instanceof ApiError)) console.error('kube-sim: unexpected error', err);
    writeError(res, apiError, warnings);
  }
}
