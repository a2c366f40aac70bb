import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/config';
import { DomainError, unauthenticated } from '../errors/domain-error';
import { IdentityProviderUnavailableError } from '../errors/identity-provider-unavailable';
import { hasUnstorableCharacter } from '../database/unstorable-strings';
import type { AuthenticatedUser } from './authenticated-user';
import { EXPIRED_TOKEN_MESSAGE } from './token-expiry';
import { VerifiedTokenCache } from './verified-token-cache';

type VerificationKey = Uint8Array | JWTVerifyGetKey;

const MAX_USER_ID_LENGTH = 255;

/** Errors of the key lookup that are about the token (its kid or key type), not the provider. */
const TOKEN_KEY_ERRORS = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'ERR_JOSE_NOT_SUPPORTED']);

/**
 * The remote key set, with its fetch failures (network error, timeout, a non-200 answer, no
 * key set in it) told apart from a token no key matches: only the latter is the caller's fault.
 */
function remoteKeySet(url: string): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && TOKEN_KEY_ERRORS.has(code)) throw error;
      throw new IdentityProviderUnavailableError(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };
}

/**
 * Checks end-user JWTs: HS256 with a shared secret, or RS256/ES256 against an identity
 * provider's JWKS. The accepted algorithms are fixed per mode, so `alg: none` or an HS256
 * token signed with a public key never verifies.
 */
export class TokenVerifier {
  private readonly verified: VerifiedTokenCache;

  private constructor(
    private readonly key: VerificationKey,
    private readonly algorithms: string[],
    private readonly issuer?: string,
    private readonly audience?: string,
    verifiedTokens = 0,
  ) {
    this.verified = new VerifiedTokenCache(verifiedTokens);
  }

  static create(auth: AuthConfig, hmacSecret: string | undefined): TokenVerifier {
    if (auth.jwksUrl) {
      return new TokenVerifier(remoteKeySet(auth.jwksUrl), ['RS256', 'ES256'], auth.issuer, auth.audience, auth.verifiedTokens);
    }
    if (!hmacSecret) throw new Error('TokenVerifier needs AUTH_JWKS_URL or an HS256 secret');
    return new TokenVerifier(new TextEncoder().encode(hmacSecret), ['HS256'], auth.issuer, auth.audience, auth.verifiedTokens);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unauthenticated(describeFailure(error));
    }
    const sub = payload.sub;
    // A user id is stored and compared in PostgreSQL, which cannot hold U+0000.
    if (typeof sub !== 'string' || sub === '' || sub.length > MAX_USER_ID_LENGTH || hasUnstorableCharacter(sub)) {
      throw unauthenticated('The token has no usable subject');
    }
    // `exp` is required above, so jose has checked it is a number.
    const user = { id: sub, scopes: scopesOf(payload), expiresAtMs: payload.exp! * 1000 };
    this.verified.remember(token, user);
    return user;
  }

  /**
   * `Bearer <jwt>` -> the user; no header -> null; anything else -> UNAUTHENTICATED, except
   * when the identity provider's keys cannot be fetched: SERVICE_UNAVAILABLE (IdentityProviderUnavailableError).
   */
  async verifyAuthorization(header: string | undefined): Promise<AuthenticatedUser | null> {
    if (header === undefined || header === '') return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    return this.verify(match[1]);
  }
}

function describeFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return EXPIRED_TOKEN_MESSAGE;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The token signature is not valid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The token is signed with an algorithm that is not accepted';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'The token claims are not valid';
    default:
      return 'The token is not valid';
  }
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((scope): scope is string => typeof scope === 'string');
  return [];
}
