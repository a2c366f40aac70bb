import pino from 'pino';
import { startEmulator, type RunningEmulator } from 'plaid-emulator';
import { freePort } from '../../support/free-port';
import { IdentityProvider } from '../../support/identity-provider';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const CLIENT_ID = 'production_client';
const SECRET = 'production_secret';
const ANOTHER_APP = 'https://another-app.test.example';

/**
 * A gateway given Plaid production keys (PLAID_ENV=production; NODE_ENV stays `test`, as an
 * operator may leave it at its default) and an identity provider that also signs tokens for
 * other apps. The emulator plays Plaid's production host.
 */
describe('issue 22 item 4: Plaid production keys and a JWKS identity provider', () => {
  let emulator: RunningEmulator;
  let idp: IdentityProvider;
  let production: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clientId: CLIENT_ID, secret: SECRET, logger: pino({ level: 'silent' }) });
    idp = await new IdentityProvider(await freePort()).start();
    production = {
      PLAID_ENV: 'production',
      PLAID_CLIENT_ID: CLIENT_ID,
      PLAID_SECRET: SECRET,
      PLAID_BASE_URL: emulator.url,
      AUTH_JWT_SECRET: '',
      // Plain http: to a loopback address, as a sidecar would serve it.
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
    };
  });

  afterAll(async () => {
    await idp?.stop();
    await emulator?.close();
  });

  it('issue 22 item 4: PLAID_ENV=production runs in production mode: no demo app, explorer for partners, tokens for other apps refused', async () => {
    const gw: TestGateway = await startTestGateway(production);
    try {
      const demo = await fetch(`${gw.url}/demo/session.json`);
      const explorer = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
      const userId = newUserId('prod');
      const forAnotherApp = await gw.graphql('{ me { id } }', { token: await idp.tokenFor(userId, ANOTHER_APP) });
      const forThisGateway = await gw.graphql('{ me { id } }', { token: await idp.tokenFor(userId) });
      console.log(
        `NODE_ENV ${gw.config.nodeEnv}, PLAID_ENV ${gw.config.plaid.env}: isProduction ${gw.config.isProduction}, ` +
          `/demo/session.json ${demo.status}, explorer without a token ${explorer.status}, ` +
          `token for ${ANOTHER_APP} ${forAnotherApp.status} ${String(forAnotherApp.errors?.[0]?.extensions?.code)}, token for this gateway ${forThisGateway.status}`,
      );
      expect({
        isProduction: gw.config.isProduction,
        demo: demo.status,
        explorer: explorer.status,
        anotherApp: [forAnotherApp.status, forAnotherApp.errors?.[0]?.extensions?.code],
        thisGateway: forThisGateway.data,
      }).toEqual({
        isProduction: true,
        demo: 404,
        explorer: 401,
        anotherApp: [401, 'UNAUTHENTICATED'],
        thisGateway: { me: { id: userId } },
      });
    } finally {
      await gw.close();
    }
  });

  it.each([
    ['without AUTH_AUDIENCE', { AUTH_AUDIENCE: '' }, /^AUTH_AUDIENCE: is required in production with AUTH_JWKS_URL/],
    ['without AUTH_ISSUER', { AUTH_ISSUER: '' }, /^AUTH_ISSUER: is required in production with AUTH_JWKS_URL/],
    [
      'with a plain http: key set on another host',
      { AUTH_JWKS_URL: 'http://id.test.example/jwks' },
      /^AUTH_JWKS_URL: must be an https: URL/,
    ],
  ])('issue 22 item 4: does not start %s', async (_name, override, refusal) => {
    const outcome = await startTestGateway({ ...production, ...override }).then(
      async (gw) => {
        // Started: would the provider's token for another app get in?
        const other =
          'AUTH_AUDIENCE' in override
            ? await gw.graphql('{ me { id } }', { token: await idp.tokenFor(newUserId(), ANOTHER_APP) })
            : undefined;
        await gw.close();
        return `started${other ? `; a token for ${ANOTHER_APP} answered ${other.status}` : ''}`;
      },
      (error: Error) => error.message,
    );
    console.log(`${JSON.stringify(override)} -> ${outcome}`);
    expect(outcome).toMatch(refusal);
  });
});
