import { createHash } from 'node:crypto';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { PlaidClient } from '../../../src/plaid/plaid-client';
import { WebhookVerificationError, WebhookVerifier } from '../../../src/plaid/webhook-verifier';
import { PlaidKeyServer } from '../../support/plaid-key-server';

const body = Buffer.from('{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"item-1"}');
const sha256 = createHash('sha256').update(body).digest('hex');
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('WebhookVerifier', () => {
  let keys: PlaidKeyServer;
  let verifier: WebhookVerifier;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    keys = await new PlaidKeyServer().start();
    await keys.addKey('current');
    await keys.addKey('retired', Math.floor(Date.now() / 1000) - 60);
  });

  afterAll(() => keys.stop());

  beforeEach(() => {
    keys.lookups.length = 0;
    const config = loadConfig({ PLAID_CLIENT_ID: 'id', PLAID_SECRET: 'plaid-secret' });
    const plaid = new PlaidClient({
      config: config.plaid,
      baseUrl: keys.url,
      logger: pino({ level: 'silent' }),
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    verifier = new WebhookVerifier(plaid, pino({ level: 'silent' }));
  });

  const refused = async (signature: string | undefined, raw = body) => {
    const error = await verifier.verify(raw, signature).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  };

  it('accepts a genuine webhook and reports when it was signed', async () => {
    const iat = nowSeconds() - 10;
    const token = await keys.sign(body, 'current', { iat });
    await expect(verifier.verify(body, token)).resolves.toEqual({
      issuedAt: new Date(iat * 1000),
      keyId: 'current',
      deliveryId: createHash('sha256').update(token).digest('hex'),
    });
  });

  it('tells two signings of the same bytes in the same second apart, and a repeated delivery not', async () => {
    const iat = nowSeconds();
    const [first, second] = [await keys.sign(body, 'current', { iat }), await keys.sign(body, 'current', { iat })];
    const [a, b, again] = [await verifier.verify(body, first), await verifier.verify(body, second), await verifier.verify(body, first)];
    expect(a.deliveryId).not.toBe(b.deliveryId);
    expect(again.deliveryId).toBe(a.deliveryId);
  });

  it('caches keys: many webhooks, one key look-up', async () => {
    for (let i = 0; i < 5; i += 1) await verifier.verify(body, await keys.sign(body, 'current'));
    expect(keys.lookups).toEqual(['current']);
  });

  it('refuses anything but ES256 before looking up a key', async () => {
    const none = `${encode({ alg: 'none', kid: 'current' })}.${encode({ iat: nowSeconds(), request_body_sha256: sha256 })}.`;
    expect(await refused(none)).toMatch(/algorithm none/);
    const hs256 = await new SignJWT({ request_body_sha256: sha256 })
      .setProtectedHeader({ alg: 'HS256', kid: 'current' })
      .setIssuedAt()
      .sign(new TextEncoder().encode('plaid-secret'));
    expect(await refused(hs256)).toMatch(/algorithm HS256/);
    const unsecured = new UnsecuredJWT({ request_body_sha256: sha256 }).setIssuedAt().encode();
    expect(await refused(unsecured)).toMatch(/algorithm none/);
    expect(keys.lookups).toEqual([]);
  });

  it('refuses a missing or garbled header', async () => {
    expect(await refused(undefined)).toMatch(/missing/);
    expect(await refused('garbage')).toMatch(/not a JWT/);
  });

  it("refuses an ES256 signature from a key that is not the kid's", async () => {
    const foreign = await generateKeyPair('ES256');
    const forged = await new SignJWT({ request_body_sha256: sha256 })
      .setProtectedHeader({ alg: 'ES256', kid: 'current' })
      .setIssuedAt()
      .sign(foreign.privateKey);
    expect(await refused(forged)).toMatch(/bad signature/);
  });

  it('refuses unknown kids, and does not ask Plaid about the same one again at once', async () => {
    const foreign = await generateKeyPair('ES256');
    const forged = await new SignJWT({ request_body_sha256: sha256 })
      .setProtectedHeader({ alg: 'ES256', kid: 'made-up' })
      .setIssuedAt()
      .sign(foreign.privateKey);
    expect(await refused(forged)).toMatch(/unknown signing key/);
    expect(await refused(forged)).toMatch(/unknown signing key/);
    expect(keys.lookups).toEqual(['made-up']);
  });

  it('refuses a key Plaid has retired', async () => {
    expect(await refused(await keys.sign(body, 'retired'))).toMatch(/expired/);
  });

  it('refuses a webhook signed more than five minutes ago, or in the future beyond a little clock skew', async () => {
    expect(await refused(await keys.sign(body, 'current', { iat: nowSeconds() - 302 }))).toMatch(/stale/);
    expect(await refused(await keys.sign(body, 'current', { iat: nowSeconds() + 120 }))).toMatch(/stale/);
    await expect(verifier.verify(body, await keys.sign(body, 'current', { iat: nowSeconds() + 2 }))).resolves.toMatchObject({
      keyId: 'current',
    });
    await expect(verifier.verify(body, await keys.sign(body, 'current', { iat: nowSeconds() - 290 }))).resolves.toMatchObject({
      keyId: 'current',
    });
  });

  it('refuses a body that is not the one signed', async () => {
    const signature = await keys.sign(body, 'current');
    expect(await refused(signature, Buffer.from(body.toString().replace('item-1', 'item-2')))).toMatch(/does not match/);
    expect(await refused(await keys.sign(body, 'current', { sha256: 'not-hex' }))).toMatch(/does not match/);
  });
});
