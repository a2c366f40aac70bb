import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { Logger } from 'pino';
import { PlaidApiError } from './plaid-api-error';
import type { PlaidClient } from './plaid-client';

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * Plaid's key endpoint did not answer (5xx, timeout, network) and no key for the kid was held:
 * the webhook may be genuine, so it is neither refused nor counted as a forgery; Plaid retries it.
 */
export class WebhookKeyUnavailableError extends Error {
  constructor(kid: string) {
    super(`the signing key ${kid} cannot be fetched from Plaid now`);
    this.name = 'WebhookKeyUnavailableError';
  }
}

export interface VerifiedWebhook {
  /** The JWT's iat: when Plaid signed the webhook. */
  issuedAt: Date;
  keyId: string;
  /**
   * SHA-256 of what was signed and the signature's value (r, and s in its low form): the same
   * for a delivery repeated in any encoding the verifier accepts (whitespace, `=` padding, unused
   * low bits, the high-S twin of the signature), different for every signing (ES256 signatures
   * are randomised), even of the same bytes in the same second.
   */
  deliveryId: string;
}

interface CachedKey {
  key: CryptoKey | Uint8Array;
  expiredAt: number | null;
  fetchedAt: number;
}

const MAX_AGE_SECONDS = 5 * 60;
/** Plaid's clock may run a little ahead of ours; an iat further in the future is refused. */
const FUTURE_SKEW_SECONDS = 5;
/** A cached key is asked for again after this long, so a retirement (expired_at) is noticed. */
const KEY_REFRESH_MS = 10 * 60_000;
/** An unknown kid is not asked about again for this long: forged kids must not make us hammer Plaid. */
const UNKNOWN_KID_BACKOFF_MS = 60_000;
const MAX_REMEMBERED_KIDS = 1_000;
const MINUTE_MS = 60_000;
/** The order of P-256's group: an ES256 signature (r, s) verifies as (r, n - s) too. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export interface WebhookVerifierOptions {
  /** Look-ups of key ids not held yet, across all kids, per minute (WEBHOOK_KEY_LOOKUPS_PER_MINUTE). */
  unknownKeyLookupsPerMinute: number;
  now?: () => number;
}

/**
 * Proves a webhook came from Plaid (invariant 1): ES256 only, decided from the header before
 * any key is looked up; the key fetched by kid from /webhook_verification_key/get, cached and
 * refused once expired; iat at most five minutes old; the body's SHA-256 equal, in constant
 * time, to the signed request_body_sha256.
 */
export class WebhookVerifier {
  private readonly keys = new Map<string, CachedKey>();
  private readonly unknownKids = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<CachedKey | undefined>>();
  /** When the look-ups of new kids in the current minute began, and how many there were. */
  private lookupWindow = { startedAt: 0, count: 0 };
  private readonly now: () => number;

  constructor(
    private readonly plaid: PlaidClient,
    private readonly logger: Logger,
    private readonly options: WebhookVerifierOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Throws WebhookVerificationError for a webhook that is not Plaid's, WebhookKeyUnavailableError while its key cannot be had. */
  async verify(rawBody: Buffer, signature: string | undefined): Promise<VerifiedWebhook> {
    if (!signature) throw new WebhookVerificationError('missing Plaid-Verification header');
    let header;
    try {
      header = decodeProtectedHeader(signature);
    } catch {
      throw new WebhookVerificationError('Plaid-Verification is not a JWT');
    }
    if (header.alg !== 'ES256') throw new WebhookVerificationError(`algorithm ${String(header.alg)} is not accepted`);
    if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > 128) throw new WebhookVerificationError('no key id');
    // Everything that needs no key is checked before one is looked up: a forgery costs Plaid no call.
    // The signature, checked last, proves these same claims, so they need no second look.
    const issuedAtSeconds = this.checkUnverifiedClaims(rawBody, signature);

    const cached = await this.keyFor(header.kid);
    if (!cached) throw new WebhookVerificationError('unknown signing key');
    if (cached.expiredAt !== null && cached.expiredAt * 1000 <= this.now()) throw new WebhookVerificationError('signing key has expired');

    try {
      await jwtVerify(signature, cached.key, {
        algorithms: ['ES256'],
        requiredClaims: ['iat', 'request_body_sha256'],
        currentDate: new Date(this.now()),
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new WebhookVerificationError(
        code === 'ERR_JWT_EXPIRED' || code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? 'stale or invalid claims' : 'bad signature',
      );
    }
    return { issuedAt: new Date(issuedAtSeconds * 1000), keyId: header.kid, deliveryId: deliveryIdOf(signature) };
  }

  /**
   * The claims as sent, before any key: a fresh `iat` (ours rather than jose's maxTokenAge, which
   * refuses any iat even a second ahead) and the hash of these very bytes. Answers the `iat`.
   */
  private checkUnverifiedClaims(rawBody: Buffer, signature: string): number {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(signature);
    } catch {
      throw new WebhookVerificationError('Plaid-Verification is not a JWT');
    }
    const { iat } = claims;
    const ageSeconds = typeof iat === 'number' ? this.now() / 1000 - iat : Number.NaN;
    if (typeof iat !== 'number' || !(ageSeconds <= MAX_AGE_SECONDS && ageSeconds >= -FUTURE_SKEW_SECONDS))
      throw new WebhookVerificationError('stale or invalid claims');
    const claimed = claims.request_body_sha256;
    if (typeof claimed !== 'string' || claimed.toLowerCase() !== createHash('sha256').update(rawBody).digest('hex'))
      throw new WebhookVerificationError('body does not match its signature');
    return iat;
  }

  private async keyFor(kid: string): Promise<CachedKey | undefined> {
    const cached = this.keys.get(kid);
    if (cached && this.now() - cached.fetchedAt < KEY_REFRESH_MS) return cached;
    const refusedAt = this.unknownKids.get(kid);
    if (!cached && refusedAt !== undefined && this.now() - refusedAt < UNKNOWN_KID_BACKOFF_MS) return undefined;
    let pending = this.inFlight.get(kid);
    if (!pending && !cached && !this.takeLookup()) {
      // Random kids must not become Plaid calls: past the budget a new kid waits for Plaid's retry.
      this.logger.warn({ kid }, 'webhook key look-ups over WEBHOOK_KEY_LOOKUPS_PER_MINUTE; answering 503');
      throw new WebhookKeyUnavailableError(kid);
    }
    if (!pending) {
      pending = this.fetchKey(kid, cached).finally(() => this.inFlight.delete(kid));
      this.inFlight.set(kid, pending);
    }
    return pending;
  }

  private async fetchKey(kid: string, stale: CachedKey | undefined): Promise<CachedKey | undefined> {
    try {
      const { key: jwk } = await this.plaid.call('webhookVerificationKeyGet', { key_id: kid });
      const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256');
      const entry = { key, expiredAt: jwk.expired_at ?? null, fetchedAt: this.now() };
      this.remember(this.keys, kid, entry);
      this.unknownKids.delete(kid);
      return entry;
    } catch (error) {
      // Plaid said there is no such key. A 429 says nothing about the key: it is an outage like a 5xx.
      if (
        error instanceof PlaidApiError &&
        error.kind === 'plaid' &&
        error.status !== undefined &&
        error.status < 500 &&
        error.status !== 429
      ) {
        this.remember(this.unknownKids, kid, this.now());
        this.keys.delete(kid);
        return undefined;
      }
      // Plaid unreachable: a key we already had is still the best answer; otherwise the webhook waits for Plaid's retry.
      this.logger.warn({ plaid: error instanceof PlaidApiError ? error.toLog() : undefined, kid }, 'webhook key fetch failed');
      if (stale) return stale;
      throw new WebhookKeyUnavailableError(kid);
    }
  }

  /** One look-up of a key id not held, from a budget shared by every kid and renewed each minute. */
  private takeLookup(): boolean {
    const now = this.now();
    if (now - this.lookupWindow.startedAt >= MINUTE_MS) this.lookupWindow = { startedAt: now, count: 0 };
    if (this.lookupWindow.count >= this.options.unknownKeyLookupsPerMinute) return false;
    this.lookupWindow.count += 1;
    return true;
  }

  private remember<T>(map: Map<string, T>, kid: string, value: T): void {
    if (map.size >= MAX_REMEMBERED_KIDS && !map.has(kid)) map.delete(map.keys().next().value!);
    map.set(kid, value);
  }
}

/**
 * What identifies one signing: the signing input and the signature's value. The verifier has
 * accepted the signature segment, so its base64url decodes to r || s (32 bytes each) whatever
 * spelling it came in; s is taken in its low form, since n - s verifies as well.
 */
export function deliveryIdOf(signature: string): string {
  const [header, payload, encoded] = signature.split('.');
  const bytes = Buffer.from(encoded.replace(/[\s=]/g, ''), 'base64url');
  const r = bytes.subarray(0, 32);
  const s = BigInt(`0x${bytes.subarray(32, 64).toString('hex') || '0'}`);
  const lowS = s > P256_ORDER / 2n ? P256_ORDER - s : s;
  return createHash('sha256')
    .update(`${header}.${payload}.`)
    .update(r)
    .update(Buffer.from(lowS.toString(16).padStart(64, '0'), 'hex'))
    .digest('hex');
}
