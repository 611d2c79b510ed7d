import type { FastifyInstance } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { ADMIN_PASSWORD } from './test-app.ts';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent verbatim, e.g. malformed JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export interface CallResult {
  status: number;
  headers: OutgoingHttpHeaders;
  text: string;
  // Test code reads arbitrary response shapes; `any` keeps assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One HTTP request through `inject`, returning status, headers and parsed JSON (if any). */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD',
  url: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.rawBody !== undefined) {
    payload = options.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await app.inject({
    method,
    url,
    headers,
    payload,
    remoteAddress: options.remoteAddress,
  });
  let json: unknown = undefined;
  if (String(response.headers['content-type'] ?? '').includes('application/json') && response.body) {
    json = JSON.parse(response.body);
  }
  return { status: response.statusCode, headers: response.headers, text: response.body, json };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<SignedIn> {
  const response = await call(app, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (response.status !== 200) {
    throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
  }
  return {
    accessToken: response.json.accessToken,
    refreshToken: response.json.refreshToken,
    userId: response.json.user.id,
  };
}

export function loginAsAdmin(app: FastifyInstance): Promise<SignedIn> {
  return login(app, 'admin', ADMIN_PASSWORD);
}

/** Creates a user as `adminToken` and returns its id. */
export async function createUser(
  app: FastifyInstance,
  adminToken: string,
  username: string,
  password = 'user-Passw0rd',
): Promise<string> {
  const response = await call(app, 'POST', '/api/v1/users', {
    token: adminToken,
    body: { username, password },
  });
  if (response.status !== 201) throw new Error(`creating ${username} failed: ${response.text}`);
  return response.json.id;
}

/** Binds a role (by name) to a user at platform scope (or the given scope). */
export async function grantRole(
  app: FastifyInstance,
  adminToken: string,
  userId: string,
  roleName: string,
  scope: { scopeType: string; scopeId?: string } = { scopeType: 'platform' },
): Promise<string> {
  const roles = await call(app, 'GET', '/api/v1/roles', { token: adminToken });
  const role = (roles.json.items as { id: string; name: string }[]).find((r) => r.name === roleName);
  if (!role) throw new Error(`no role ${roleName}`);
  const response = await call(app, 'POST', '/api/v1/role-bindings', {
    token: adminToken,
    body: { userId, roleId: role.id, ...scope },
  });
  if (response.status !== 201) throw new Error(`binding ${roleName} failed: ${response.text}`);
  return response.json.id;
}
