import { linkItem } from '../../support/linking';
import { subscribe, subscribeSse } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs } from '../../support/ws-client';

/** Its frame is far over 256 bytes: more than this gateway lets a subscriber have waiting. */
const LARGE =
  'subscription { itemStatusChanged { item { id plaidItemId institutionId institutionName status products createdAt updatedAt } previousStatus status reason occurredAt cursor } }';
/** Its frame is well under. */
const SMALL = 'subscription { itemStatusChanged { status } }';

/**
 * A subscriber whose socket has more waiting than SUBSCRIBER_MAX_BUFFERED_BYTES is closed
 * rather than buffered for without end (the gateway writes to sockets without waiting for them).
 * Here the bound is below one large event, so the first one is past it.
 */
describe('SUBSCRIBER_MAX_BUFFERED_BYTES', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ SUBSCRIBER_MAX_BUFFERED_BYTES: '256' });
  });

  afterAll(async () => {
    await gw.close();
  });

  it('closes a WebSocket (1013) and ends an event stream that would fall further behind, and still delivers to the others', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const client = connectWs(gw.wsUrl, `Bearer ${token}`);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe({ query: LARGE }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await connected;
    const largeSse = await subscribeSse(`${gw.url}/graphql/stream`, token, LARGE);
    const small = await subscribe(gw.wsUrl, token, SMALL);
    try {
      await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } });
      expect((await small.next()).data).toEqual({ itemStatusChanged: { status: 'LOGIN_REQUIRED' } });
      expect(await closed).toBe(1013);
      await expect(largeSse.next()).rejects.toBeDefined();
    } finally {
      await Promise.all([client.dispose(), largeSse.close(), small.close()]);
    }
  });
});
