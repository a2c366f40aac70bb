import { createHash } from 'node:crypto';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { PlaidClient } from '../../../src/plaid/plaid-client';
import { WebhookKeyUnavailableError, WebhookVerificationError, WebhookVerifier } from '../../../src/plaid/webhook-verifier';
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

  /** A verifier over the key server, with Plaid's client retrying nothing; `now` is the clock a test moves. */
  const verifierWith = (options: { unknownKeyLookupsPerMinute: number; now?: () => number }) => {
    const config = loadConfig({ PLAID_CLIENT_ID: 'id', PLAID_SECRET: 'plaid-secret' });
    const plaid = new PlaidClient({
      config: config.plaid,
      baseUrl: keys.url,
      logger: pino({ level: 'silent' }),
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    return new WebhookVerifier(plaid, pino({ level: 'silent' }), options);
  };

  beforeEach(() => {
    keys.lookups.length = 0;
    verifier = verifierWith({ unknownKeyLookupsPerMinute: 100 });
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
      deliveryId: expect.stringMatching(/^[0-9a-f]{64}$/),
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

  /** A verifier whose clock the test moves, over the same key server. */
  const clocked = (unknownKeyLookupsPerMinute: number) => {
    const clock = { now: Date.now() };
    return { clock, verifier: verifierWith({ unknownKeyLookupsPerMinute, now: () => clock.now }) };
  };
  const forgedWithKid = async (kid: string, claims: { iat?: number; sha256?: string } = {}) =>
    new SignJWT({ request_body_sha256: claims.sha256 ?? sha256 })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuedAt(claims.iat ?? nowSeconds())
      .sign((await generateKeyPair('ES256')).privateKey);

  it('issue 22 item 6: looks up at most WEBHOOK_KEY_LOOKUPS_PER_MINUTE new kids a minute, whatever the kids', async () => {
    const { clock, verifier: limited } = clocked(5);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 60; i += 1) {
      const error = await limited.verify(body, await forgedWithKid(`forged-${i}`)).catch((e: unknown) => e);
      const name = (error as Error).name;
      outcomes.set(name, (outcomes.get(name) ?? 0) + 1);
    }
    console.log(
      `issue 22 item 6: 60 forged kids made ${keys.lookups.length} key look-ups; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(keys.lookups).toHaveLength(5);
    expect(Object.fromEntries(outcomes)).toEqual({ WebhookVerificationError: 5, WebhookKeyUnavailableError: 55 });
    // A genuine webhook with a new key in the same minute waits for Plaid's retry (503), not a refusal.
    await expect(limited.verify(body, await keys.sign(body, 'current'))).rejects.toBeInstanceOf(WebhookKeyUnavailableError);
    clock.now += 60_000;
    await expect(limited.verify(body, await keys.sign(body, 'current', { iat: Math.floor(clock.now / 1000) }))).resolves.toMatchObject({
      keyId: 'current',
    });
  });

  it('issue 22 item 6: checks the age and the body hash before looking any key up', async () => {
    expect(await refused(await forgedWithKid('stale', { iat: nowSeconds() - 600 }))).toMatch(/stale/);
    expect(await refused(await forgedWithKid('other-body', { sha256: '0'.repeat(64) }))).toMatch(/does not match/);
    expect(keys.lookups).toEqual([]);
  });

  it('issue 22 item 6: keeps a cached key when Plaid answers its key endpoint with 429', async () => {
    const { clock, verifier: timed } = clocked(5);
    await timed.verify(body, await keys.sign(body, 'current'));
    clock.now += 11 * 60_000;
    keys.rateLimitNext = 1;
    const later = await keys.sign(body, 'current', { iat: Math.floor(clock.now / 1000) });
    await expect(timed.verify(body, later)).resolves.toMatchObject({ keyId: 'current' });
    expect(keys.lookups).toEqual(['current', 'current']);
    // And the kid is not taken for unknown: the next look-up asks again.
    clock.now += 11 * 60_000;
    await expect(timed.verify(body, await keys.sign(body, 'current', { iat: Math.floor(clock.now / 1000) }))).resolves.toMatchObject({
      keyId: 'current',
    });
    expect(keys.lookups).toHaveLength(3);
  });

  it('issue 22 item 7: gives one deliveryId to a signature in every encoding the verifier accepts', async () => {
    const token = await keys.sign(body, 'current');
    const [header, payload, signature] = token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    const order = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
    const highS = Buffer.concat([bytes.subarray(0, 32), Buffer.from((order - s).toString(16).padStart(64, '0'), 'hex')]).toString(
      'base64url',
    );
    // 64 bytes are 86 base64url characters: the last one carries 2 unused low bits.
    const last = signature.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lowBits = signature.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
    const variants = {
      padded: `${signature}==`,
      'with a space': `${signature.slice(0, 40)} ${signature.slice(40)}`,
      'with a tab': `${signature.slice(0, 40)}\t${signature.slice(40)}`,
      'unused low bits set': lowBits,
      'high-S': highS,
    };
    const original = (await verifier.verify(body, token)).deliveryId;
    const accepted: string[] = [];
    for (const [name, variant] of Object.entries(variants)) {
      const verified = await verifier.verify(body, `${header}.${payload}.${variant}`).catch(() => undefined);
      if (!verified) continue;
      accepted.push(name);
      expect({ name, deliveryId: verified.deliveryId }).toEqual({ name, deliveryId: original });
    }
    console.log(`issue 22 item 7: re-encodings the verifier accepts, each the same delivery: ${accepted.join(', ')}`);
    expect(accepted).toEqual(expect.arrayContaining(['high-S']));
  });
});
