/**
 * Authentication, in the real server's order: client certificate (verified against the cluster
 * CA; CN = user, O = groups), then bearer token (static token table, then service-account
 * tokens). Every authenticated user also gets the group system:authenticated.
 */
import { randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { IncomingHttpHeaders } from 'node:http';
import type { UserInfo } from '../api/request-context.ts';
import type { ServiceAccountTokens } from './service-account-tokens.ts';

export const AUTHENTICATED_GROUP = 'system:authenticated';

export type AuthenticationResult =
  | { kind: 'user'; user: UserInfo }
  /** No credentials were presented. */
  | { kind: 'anonymous' }
  /** Credentials were presented and rejected (401). */
  | { kind: 'invalid' };

export class TokenTable {
  private readonly tokens = new Map<string, UserInfo>();

  /** Adds a token for `username` in `groups`; returns the token. */
  add(username: string, groups: string[], token = randomBytes(24).toString('base64url')): string {
    this.tokens.set(token, { username, groups: [...groups] });
    return token;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  lookup(token: string): UserInfo | undefined {
    return this.tokens.get(token);
  }
}

export class Authenticator {
  private readonly tokens: TokenTable;
  private readonly serviceAccounts: ServiceAccountTokens;

  constructor(tokens: TokenTable, serviceAccounts: ServiceAccountTokens) {
    this.tokens = tokens;
    this.serviceAccounts = serviceAccounts;
  }

  authenticateRequest(headers: IncomingHttpHeaders, socket: unknown): AuthenticationResult {
    const fromCert = certificateUser(socket);
    if (fromCert !== undefined) return { kind: 'user', user: withAuthenticated(fromCert) };
    const header = headers.authorization;
    if (header === undefined || header === '') return { kind: 'anonymous' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) return { kind: 'invalid' };
    const user = this.authenticateToken(match[1] as string);
    return user === undefined ? { kind: 'invalid' } : { kind: 'user', user };
  }

  /** Also answers TokenReview. */
  authenticateToken(token: string, audiences?: string[]): UserInfo | undefined {
    const user = this.tokens.lookup(token) ?? this.serviceAccounts.authenticate(token, audiences);
    return user === undefined ? undefined : withAuthenticated(user);
  }
}

function withAuthenticated(user: UserInfo): UserInfo {
  if (user.groups.includes(AUTHENTICATED_GROUP)) return user;
  return { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
}

/** The user named by a CA-verified client certificate, if the TLS peer presented one. */
function certificateUser(socket: unknown): UserInfo | undefined {
  const tls = socket as Partial<TLSSocket> | undefined;
  if (tls?.authorized !== true || typeof tls.getPeerCertificate !== 'function') return undefined;
  const cert = tls.getPeerCertificate();
  const subject = cert?.subject as Record<string, string | string[] | undefined> | undefined;
  const cn = subject?.CN;
  const username = Array.isArray(cn) ? cn[0] : cn;
  if (username === undefined || username === '') return undefined;
  const o = subject?.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { username, groups: [...groups] };
}

export const ANONYMOUS_USER: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
