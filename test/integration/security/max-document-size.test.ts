import type { Client } from 'graphql-ws';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const LIMIT = 4096;
/**
 * Over MAX_DOCUMENT_BYTES by a comment, and no valid GraphQL either (the brace is never
 * closed): refused for its size means refused before it was parsed.
 */
const OVER = `{ me { id } # ${'x'.repeat(LIMIT)}`;
/** Within it by a byte: the same comment, one that parses. */
const WITHIN = (() => {
  const head = '{ me { id } } # ';
  return head + 'x'.repeat(LIMIT - head.length);
})();
const REFUSAL = {
  errors: [
    {
      message: `The GraphQL document is ${Buffer.byteLength(OVER)} bytes, over the limit of ${LIMIT} bytes`,
      extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT },
    },
  ],
};

/** Every transport measures the document's text before anything parses it (MAX_DOCUMENT_BYTES). */
describe('issue 22 max document size: MAX_DOCUMENT_BYTES on every transport', () => {
  let gw: TestGateway;
  const clients: Client[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ MAX_DOCUMENT_BYTES: String(LIMIT) });
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gw?.close();
  });

  const headers = async (userId: string) => ({ authorization: `Bearer ${await gw.tokenFor(userId)}`, 'content-type': 'application/json' });

  it('HTTP POST: 413 PAYLOAD_TOO_LARGE over it, answered within it', async () => {
    const userId = newUserId();
    const over = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: await headers(userId),
      body: JSON.stringify({ query: OVER }),
    });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual(REFUSAL);
    expect(Buffer.byteLength(WITHIN)).toBe(LIMIT);
    expect(await gw.graphql(WITHIN, { token: await gw.tokenFor(userId) })).toMatchObject({ status: 200, data: { me: { id: userId } } });
  });

  it('HTTP GET: 413 PAYLOAD_TOO_LARGE over it, answered within it', async () => {
    const userId = newUserId();
    // Apollo's CSRF prevention wants a header a browser would not send cross-site without a preflight.
    const get = async (query: string) =>
      fetch(`${gw.url}/graphql?${new URLSearchParams({ query }).toString()}`, {
        headers: { ...(await headers(userId)), 'apollo-require-preflight': 'true' },
      });
    const over = await get(OVER);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual(REFUSAL);
    const within = await get(WITHIN);
    expect(within.status).toBe(200);
    expect(await within.json()).toEqual({ data: { me: { id: userId } } });
  });

  it('WebSocket: the subscribe message is answered PAYLOAD_TOO_LARGE, and the socket serves on', async () => {
    const userId = newUserId();
    const client = connectWs(gw.wsUrl, `Bearer ${await gw.tokenFor(userId)}`, { lazy: false });
    clients.push(client);
    expect(await runWs(client, OVER)).toEqual(REFUSAL);
    expect(await runWs(client, WITHIN)).toEqual({ data: { me: { id: userId } } });
  });

  it.each(['POST', 'GET'])('Server-Sent Events (%s): 413 PAYLOAD_TOO_LARGE before a stream opens, a stream within it', async (method) => {
    const userId = newUserId();
    const open = async (query: string) =>
      method === 'POST'
        ? fetch(`${gw.url}/graphql/stream`, {
            method,
            headers: { ...(await headers(userId)), accept: 'text/event-stream' },
            body: JSON.stringify({ query }),
          })
        : fetch(`${gw.url}/graphql/stream?${new URLSearchParams({ query }).toString()}`, {
            headers: { authorization: (await headers(userId)).authorization, accept: 'text/event-stream' },
          });
    const over = await open(OVER);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual(REFUSAL);
    const within = await open(WITHIN);
    expect(within.status).toBe(200);
    expect(await within.text()).toContain(`"me":{"id":"${userId}"}`);
  });
});
