import { createHash, sign } from 'node:crypto';
import type { WebhookSigningKey } from './webhook-key-ring';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * The `Plaid-Verification` header for a webhook body: a compact ES256 JWT whose header
 * carries the key id and whose claims are `iat` and the hex SHA-256 of the exact bytes sent.
 */
export function signWebhookBody(body: Buffer, key: WebhookSigningKey, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: key.kid, typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iat: Math.floor(nowMs / 1000),
      request_body_sha256: createHash('sha256').update(body).digest('hex'),
    }),
  );
  const signingInput = `${header}.${claims}`;
  // JWS wants the raw r||s signature, not DER.
  const signature = sign('sha256', Buffer.from(signingInput), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${base64url(signature)}`;
}
