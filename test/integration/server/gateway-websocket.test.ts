import { issueToken } from '../../../src/auth/token-issuer';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs as connect, runWs as run } from '../../support/ws-client';

describe('gateway over WebSocket (graphql-transport-ws)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ ALLOWED_ORIGINS: 'https://app.example.com' });
  });

  afterAll(async () => {
    await gw.close();
  });

  it('runs operations for an authenticated connection', async () => {
    const userId = newUserId();
    const client = connect(gw.wsUrl, `Bearer ${await gw.tokenFor(userId)}`);
    try {
      await expect(run(client, '{ me { id } }')).resolves.toEqual({ data: { me: { id: userId } } });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['no token', async () => undefined],
    [
      'an expired token',
      async () => `Bearer ${await issueToken('integration-test-secret-at-least-32-bytes', {}, 'u', { expiresIn: '-1s' })}`,
    ],
    ['garbage', async () => 'Bearer nope'],
  ])('refuses the connection with %s (4403)', async (_name, make) => {
    const client = connect(gw.wsUrl, await make());
    try {
      await expect(run(client, '{ me { id } }')).rejects.toMatchObject({ code: 4403 });
    } finally {
      await client.dispose();
    }
  });

  it('refuses a browser origin that is not allowed, and accepts an allowed one', async () => {
    const token = `Bearer ${await gw.tokenFor(newUserId())}`;
    const evil = connect(gw.wsUrl, token, { origin: 'https://evil.example.com' });
    const good = connect(gw.wsUrl, token, { origin: 'https://app.example.com' });
    try {
      // Refused at the handshake, as forbidden: not any failure (a crash or a timeout would also reject).
      await expect(run(evil, '{ me { id } }')).rejects.toMatchObject({ message: 'Unexpected server response: 403' });
      await expect(run(good, '{ me { id } }')).resolves.toMatchObject({ data: { me: {} } });
    } finally {
      await evil.dispose();
      await good.dispose();
    }
  });

  it('maps errors as HTTP does', async () => {
    const client = connect(gw.wsUrl, `Bearer ${await gw.tokenFor(newUserId())}`);
    try {
      const result = await run(client, 'mutation { updateProfile(input: { email: "bad" }) { id } }');
      expect(result).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'email' } }] });
    } finally {
      await client.dispose();
    }
  });
});
