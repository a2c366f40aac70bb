import { SignJWT } from 'jose';
import type { AuthConfig } from '../config/config';

export interface IssueTokenOptions {
  expiresIn?: string;
  scopes?: string[];
}

/** Signs HS256 tokens for development, tests and `npm run token`; production identity providers issue their own. */
export async function issueToken(
  secret: string,
  auth: Pick<AuthConfig, 'issuer' | 'audience'>,
  userId: string,
  { expiresIn = '24h', scopes = [] }: IssueTokenOptions = {},
): Promise<string> {
  let jwt = new SignJWT(scopes.length ? { scope: scopes.join(' ') } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (auth.issuer) jwt = jwt.setIssuer(auth.issuer);
  if (auth.audience) jwt = jwt.setAudience(auth.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
