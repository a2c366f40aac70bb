import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWKPublicKey } from 'plaid';

/** A signing key as persisted: the private JWK plus Plaid's key metadata (seconds since epoch). */
export interface StoredWebhookKey {
  kid: string;
  created_at: number;
  expired_at: number | null;
  private_jwk: JsonWebKey;
}

export interface WebhookSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * The emulator's webhook signing keys (ES256, P-256). One key is current; rotating retires
 * it by stamping `expired_at`, and retired keys stay answerable by
 * `/webhook_verification_key/get` so receivers can tell "expired" from "unknown".
 */
export class WebhookKeyRing {
  private readonly keys: StoredWebhookKey[];
  private readonly privateKeys = new Map<string, KeyObject>();

  constructor(stored: StoredWebhookKey[], nowMs: number) {
    this.keys = [...stored];
    if (!this.keys.some((key) => key.expired_at === null)) this.keys.push(WebhookKeyRing.generate(nowMs));
  }

  private static generate(nowMs: number): StoredWebhookKey {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return {
      kid: randomUUID(),
      created_at: Math.floor(nowMs / 1000),
      expired_at: null,
      private_jwk: privateKey.export({ format: 'jwk' }),
    };
  }

  current(): WebhookSigningKey {
    const key = this.keys.find((candidate) => candidate.expired_at === null)!;
    let privateKey = this.privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = createPrivateKey({ key: key.private_jwk, format: 'jwk' });
      this.privateKeys.set(key.kid, privateKey);
    }
    return { kid: key.kid, privateKey };
  }

  /** Retires the current key and makes a new one current; returns the new and the retired kid. */
  rotate(nowMs: number): { kid: string; retiredKid: string } {
    const retired = this.keys.find((candidate) => candidate.expired_at === null)!;
    retired.expired_at = Math.floor(nowMs / 1000);
    const fresh = WebhookKeyRing.generate(nowMs);
    this.keys.push(fresh);
    return { kid: fresh.kid, retiredKid: retired.kid };
  }

  /** The public half as Plaid serves it, or undefined for an unknown kid. */
  publicJwk(kid: string): JWKPublicKey | undefined {
    const key = this.keys.find((candidate) => candidate.kid === kid);
    if (!key) return undefined;
    const jwk = createPublicKey({ key: key.private_jwk, format: 'jwk' }).export({ format: 'jwk' });
    return {
      alg: 'ES256',
      crv: String(jwk.crv),
      kid: key.kid,
      kty: String(jwk.kty),
      use: 'sig',
      x: String(jwk.x),
      y: String(jwk.y),
      created_at: key.created_at,
      expired_at: key.expired_at,
    };
  }

  stored(): StoredWebhookKey[] {
    return this.keys.map((key) => ({ ...key }));
  }
}
