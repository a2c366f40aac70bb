/** Who is calling: the token's `sub`, the scopes it grants, and when it stops granting them. */
export interface AuthenticatedUser {
  id: string;
  scopes: string[];
  /** The token's `exp` in epoch milliseconds: a socket or event stream opened with it ends then. */
  expiresAtMs: number;
}
