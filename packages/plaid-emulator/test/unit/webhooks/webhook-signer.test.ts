import { createHash } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { signWebhookBody } from '../../../src/webhooks/webhook-signer';
import { WebhookKeyRing } from '../../../src/webhooks/webhook-key-ring';

it('signs a body the way Plaid does, verifiable with the served public key', async () => {
  const ring = new WebhookKeyRing([], Date.now());
  const body = Buffer.from('{"webhook_type":"ITEM","webhook_code":"ERROR"}');
  const token = signWebhookBody(body, ring.current(), Date.now());
  const header = decodeProtectedHeader(token);
  expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: ring.current().kid });
  const jwk = ring.publicJwk(header.kid!)!;
  const { payload } = await jwtVerify(token, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256'), {
    maxTokenAge: '5 min',
  });
  expect(payload.request_body_sha256).toBe(createHash('sha256').update(body).digest('hex'));
  expect(Object.keys(payload).sort()).toEqual(['iat', 'request_body_sha256']);
});

it('rotates keys, stamping the retired one and keeping it answerable, across a reload', () => {
  const ring = new WebhookKeyRing([], 1_700_000_000_000);
  const first = ring.current().kid;
  const { kid, retiredKid } = ring.rotate(1_700_000_100_000);
  expect(retiredKid).toBe(first);
  expect(ring.current().kid).toBe(kid);
  expect(ring.publicJwk(first)).toMatchObject({ expired_at: 1_700_000_100, created_at: 1_700_000_000 });
  expect(ring.publicJwk(kid)).toMatchObject({ expired_at: null, alg: 'ES256', use: 'sig', crv: 'P-256', kty: 'EC' });
  const reloaded = new WebhookKeyRing(ring.stored(), Date.now());
  expect(reloaded.current().kid).toBe(kid);
  expect(reloaded.publicJwk('unknown')).toBeUndefined();
});
