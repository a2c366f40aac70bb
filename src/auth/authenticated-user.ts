/** Who is calling: the token's `sub` and the scopes it grants. */
export interface AuthenticatedUser {
  id: string;
  scopes: string[];
}
