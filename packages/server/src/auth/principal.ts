/** Who is making the request, once authenticated. */
export interface Principal {
  userId: string;
  username: string;
  mustChangePassword: boolean;
  /** The session family (JWT `sid`) when signed in with a password, else null. */
  sessionId: string | null;
  /** The API token's id when authenticated with one, else null. */
  tokenId: string | null;
  /** Codes the API token is restricted to; null means all of the user's. */
  tokenScopes: readonly string[] | null;
}
