import { http, tokens } from './client';
import type { ApiToken, CreatedApiToken, Me, TokenPair } from './types';

export async function login(username: string, password: string): Promise<TokenPair> {
  const pair = await http.post<TokenPair>('/api/v1/auth/login', { username, password }, { auth: false });
  http.acceptTokens(pair);
  return pair;
}

/** Revokes the session on the server; the local session is forgotten even if that fails. */
export async function logout(): Promise<void> {
  const refreshToken = tokens.refreshToken;
  try {
    if (tokens.accessToken)
      await http.post<void>('/api/v1/auth/logout', { refreshToken: refreshToken ?? undefined });
  } finally {
    tokens.clear();
  }
}

export function fetchMe(): Promise<Me> {
  return http.get<Me>('/api/v1/me');
}

export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/api/v1/me/password', { currentPassword, newPassword });
}

export function listApiTokens(): Promise<{ items: ApiToken[] }> {
  return http.get('/api/v1/me/tokens');
}

export interface NewApiToken {
  name: string;
  expiresInDays?: number;
  scopes?: string[];
}

export function createApiToken(input: NewApiToken): Promise<CreatedApiToken> {
  return http.post('/api/v1/me/tokens', input);
}

export function deleteApiToken(id: string): Promise<void> {
  return http.delete(`/api/v1/me/tokens/${encodeURIComponent(id)}`);
}
