import { eventually } from '../../support/linking';
import { documentHash, postPersisted } from '../../support/persisted-query';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const redisUrl = process.env.REDIS_URL;

/** A document unique to this run, so no earlier run's registration in a shared Redis answers for it. */
const uniqueQuery = () => `query Me { me { id } __typename } # ${newUserId('apq')}`;

describe('automatic persisted queries in one process (no Redis)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ REDIS_URL: '' });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('asks for the document on an unknown hash, then serves the hash alone once registered', async () => {
    const userId = newUserId();
    const token = await gateway.tokenFor(userId);
    const query = uniqueQuery();
    const hash = documentHash(query);

    const unknown = await postPersisted(gateway.url, hash, { token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await postPersisted(gateway.url, hash, { token, query });
    expect(registered.errors).toBeUndefined();
    expect(registered.data).toEqual({ me: { id: userId }, __typename: 'Query' });

    const byHash = await postPersisted(gateway.url, hash, { token });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual({ me: { id: userId }, __typename: 'Query' });
  });

  it('refuses a document whose hash does not match it', async () => {
    const answer = await postPersisted(gateway.url, documentHash('{ me { id } }'), { query: '{ __typename }' });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.message).toMatch(/does not match/);
  });
});

// Sharing registrations needs Redis; `npm test` on a bare machine has none (CI sets REDIS_URL).
(redisUrl ? describe : describe.skip)('automatic persisted queries across two instances sharing Redis', () => {
  let a: TestGateway | undefined;
  let b: TestGateway | undefined;

  beforeAll(async () => {
    a = await startTestGateway({ REDIS_URL: redisUrl! });
    b = await startTestGateway({ REDIS_URL: redisUrl! });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('serves on one instance a hash registered through the other', async () => {
    const userId = newUserId();
    const token = await a!.tokenFor(userId);
    const query = uniqueQuery();
    const hash = documentHash(query);

    expect((await postPersisted(b!.url, hash, { token })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postPersisted(a!.url, hash, { token, query })).data).toEqual({ me: { id: userId }, __typename: 'Query' });

    // Apollo writes a registration after it answers: the other instance sees it a moment later.
    const onB = await eventually(
      async () => {
        const answer = await postPersisted(b!.url, hash, { token });
        return answer.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' ? undefined : answer;
      },
      5_000,
      'the registration to reach the other instance',
    );
    expect(onB.errors).toBeUndefined();
    expect(onB.data).toEqual({ me: { id: userId }, __typename: 'Query' });
  });
});
