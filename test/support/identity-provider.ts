import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { closeHttpServer } from './close-http-server';
import { started } from './started';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * An identity provider's JWKS endpoint on a port the test chooses, so a gateway can be pointed
 * at it before it listens (a closed port), while it fails (`answerWith(503)`) and once it works.
 */
export class IdentityProvider {
  readonly issuer = 'https://id.test.example';
  /** The gateway's name at this provider; it signs tokens for other apps too. */
  readonly audience = 'https://gateway.test.example';
  private pair?: KeyPair;
  private status = 200;
  private stopServer: () => Promise<void> = async () => undefined;

  constructor(readonly port: number) {}

  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  /** Starts answering on the port; `status` other than 200 answers that error instead of the key set. */
  async start(): Promise<this> {
    this.pair ??= await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(this.pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      if (this.status === 200) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(this.status, { 'content-type': 'text/html' }).end('<h1>upstream unavailable</h1>');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.stopServer = started(`identity provider ${this.jwksUrl}`, () => closeHttpServer(server));
    return this;
  }

  answerWith(status: number): void {
    this.status = status;
  }

  /** A token this provider signed for `userId`, meant for the app `audience` (the gateway unless told). */
  async tokenFor(userId: string, audience = this.audience): Promise<string> {
    this.pair ??= await generateKeyPair('RS256');
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject(userId)
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.pair.privateKey);
  }

  stop(): Promise<void> {
    return this.stopServer();
  }
}
