import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { closeHttpServer } from './close-http-server';
import { started } from './started';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * Serves /webhook_verification_key/get for keys this test owns, so tests can sign webhooks
 * exactly as Plaid does (and sign them wrongly on purpose) and count the key look-ups.
 */
export class PlaidKeyServer {
  readonly lookups: string[] = [];
  /** How many of the next look-ups are answered 429 RATE_LIMIT_EXCEEDED, as Plaid's limit would. */
  rateLimitNext = 0;
  private readonly keys = new Map<string, { pair: KeyPair; expiredAt: number | null }>();
  private server!: Server;
  private stopServer: () => Promise<void> = async () => undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => void this.answer(raw, res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const server = this.server;
    this.stopServer = started(`Plaid key server ${this.url}`, () => closeHttpServer(server));
    return this;
  }

  private async answer(raw: string, res: ServerResponse): Promise<void> {
    const kid = (JSON.parse(raw || '{}') as { key_id?: string }).key_id ?? '';
    this.lookups.push(kid);
    if (this.rateLimitNext > 0) {
      this.rateLimitNext -= 1;
      res.writeHead(429, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error_type: 'RATE_LIMIT_EXCEEDED',
          error_code: 'RATE_LIMIT',
          error_message: 'rate limit exceeded',
          display_message: null,
          request_id: 'r',
        }),
      );
      return;
    }
    const entry = this.keys.get(kid);
    if (!entry) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error_type: 'INVALID_INPUT',
          error_code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID',
          error_message: 'unknown key',
          display_message: null,
          request_id: 'r',
        }),
      );
      return;
    }
    const jwk = await exportJWK(entry.pair.publicKey);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        key: { ...jwk, kid, alg: 'ES256', use: 'sig', created_at: 1_700_000_000, expired_at: entry.expiredAt },
        request_id: 'r',
      }),
    );
  }

  async addKey(kid: string, expiredAt: number | null = null): Promise<void> {
    this.keys.set(kid, { pair: await generateKeyPair('ES256'), expiredAt });
  }

  /** A Plaid-Verification header for `body`, signed with the key `kid` (overrides for forgeries). */
  async sign(body: Buffer, kid: string, overrides: { iat?: number; sha256?: string } = {}): Promise<string> {
    const entry = this.keys.get(kid);
    if (!entry) throw new Error(`no key ${kid}`);
    return new SignJWT({ request_body_sha256: overrides.sha256 ?? createHash('sha256').update(body).digest('hex') })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuedAt(overrides.iat ?? Math.floor(Date.now() / 1000))
      .sign(entry.pair.privateKey);
  }

  stop(): Promise<void> {
    return this.stopServer();
  }
}
