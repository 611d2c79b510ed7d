/**
 * Where the session's tokens live: the access token only in memory (a stolen localStorage cannot
 * replay it), the refresh token in localStorage so that a reload or a new tab stays signed in.
 */
export const REFRESH_TOKEN_KEY = 'atrium.refreshToken';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export class TokenStore {
  accessToken: string | null = null;
  /** Epoch milliseconds at which the access token stops being accepted. */
  accessExpiresAt: number | null = null;
  /** How long the server lets an access token live, in milliseconds. */
  accessLifetimeMs: number | null = null;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
    this.storage = storage;
  }

  get refreshToken(): string | null {
    return this.storage.getItem(REFRESH_TOKEN_KEY);
  }

  hasSession(): boolean {
    return this.accessToken !== null || this.refreshToken !== null;
  }

  save(tokens: IssuedTokens, now: number): void {
    this.accessToken = tokens.accessToken;
    this.accessExpiresAt = now + tokens.expiresIn * 1000;
    this.accessLifetimeMs = tokens.expiresIn * 1000;
    this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  }

  clear(): void {
    this.accessToken = null;
    this.accessExpiresAt = null;
    this.accessLifetimeMs = null;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
  }
}
