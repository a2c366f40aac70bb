import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { eventually } from '../../support/linking';
import { documentHash, postPersisted } from '../../support/persisted-query';
import { RedisServerChild, redisServerBinary } from '../../support/redis-server';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Issue 22, item 9: anonymous callers filled Redis through automatic persisted queries, each
 * registration padded with a 40 KB comment and kept a day, with no bound; with trusted
 * documents on they still went in, since the trust check matches the normalised print.
 */

const PADDING_BYTES = 40 * 1024;
/** A small operation anyone may run, made unique by `tag` and padded with a 40 KB comment. */
const padded = (tag: string, operation = '{ __typename }') => `${operation} # ${tag} ${'x'.repeat(PADDING_BYTES)}`;
// The padded documents are over the default MAX_DOCUMENT_BYTES: these gateways let them in, so
// that what is measured is the registration rules, not the size limit (tested below).
const ROOM_FOR_PADDING = { MAX_DOCUMENT_BYTES: String(64 * 1024) };
const ME = 'query Me {\n  me {\n    id\n  }\n}';
/** The measured requests are many: no rate limit may refuse them, signed in or anonymous (by address). */
const NO_RATE_LIMIT = { RATE_LIMIT_OPERATIONS: '100000', RATE_LIMIT_ANONYMOUS_OPERATIONS: '100000' };

/** Every key of a Redis database with its MEMORY USAGE, to count what a run of requests added. */
async function footprint(redis: Redis): Promise<Map<string, number>> {
  const keys = await redis.keys('*');
  return new Map(await Promise.all(keys.map(async (key) => [key, (await redis.memory('USAGE', key)) ?? 0] as const)));
}

function added(before: Map<string, number>, after: Map<string, number>): { keys: string[]; bytes: number } {
  const keys = [...after.keys()].filter((key) => !before.has(key));
  return { keys, bytes: keys.reduce((sum, key) => sum + after.get(key)!, 0) };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Whether the gateway answers a hash alone with the document kept for it. */
async function isKept(gw: TestGateway, hash: string, token?: string): Promise<boolean> {
  const answer = await postPersisted(gw.url, hash, { token });
  if (answer.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') return false;
  expect(answer.errors).toBeUndefined();
  return true;
}

if (!redisServerBinary) console.log('issue 22 item 9: the Redis rows are skipped: no redis-server binary on this machine');

(redisServerBinary ? describe : describe.skip)('issue 22 item 9: APQ registrations in Redis', () => {
  let redisServer: RedisServerChild;
  const clients: Redis[] = [];
  const gateways: TestGateway[] = [];
  let directory: string;

  /** A gateway on its own Redis database (`db`), whose keys `redis` sees. */
  const start = async (db: number, env: Record<string, string>) => {
    const redis = new Redis(`${redisServer.url}/${db}`);
    clients.push(redis);
    const gw = await startTestGateway({ REDIS_URL: `${redisServer.url}/${db}`, ...NO_RATE_LIMIT, ...env });
    gateways.push(gw);
    return { gw, redis };
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'persisted-query-bounds-'));
    redisServer = await RedisServerChild.start(redisServerBinary!);
  });

  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await Promise.all(clients.map((redis) => redis.quit()));
    await redisServer?.kill();
    await rm(directory, { recursive: true, force: true });
  });

  describe('who may register, and how many', () => {
    let gw: TestGateway;
    let redis: Redis;

    beforeAll(async () => {
      ({ gw, redis } = await start(0, { ...ROOM_FOR_PADDING, APQ_REGISTRATIONS_PER_USER: '5', APQ_TTL_SECONDS: '3600' }));
    }, 60_000);

    it('runs 1,000 anonymous registrations padded with a 40 KB comment and keeps none of them', async () => {
      const before = await footprint(redis);
      const documents = Array.from({ length: 1_000 }, (_, i) => padded(`anonymous ${i}`));
      const statuses = new Map<number, number>();
      for (let i = 0; i < documents.length; i += 20) {
        const answers = await Promise.all(documents.slice(i, i + 20).map((query) => postPersisted(gw.url, documentHash(query), { query })));
        for (const answer of answers) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(answer.data).toEqual({ __typename: 'Query' });
        }
      }
      // A lookup after the last registration reads Redis after every write its requests made.
      const lastKept = await isKept(gw, documentHash(documents[documents.length - 1]));
      const firstKept = await isKept(gw, documentHash(documents[0]));
      const { keys, bytes } = added(before, await footprint(redis));
      console.log(
        `issue 22 item 9: 1,000 anonymous registrations of ${kib(Buffer.byteLength(documents[0]))} answered ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `Redis keys added: ${keys.length} (${kib(bytes)})`,
      );
      expect(Object.fromEntries(statuses)).toEqual({ 200: 1_000 });
      // No persisted query, no index, no counter (besides, the anonymous budget's counter of this address).
      const apqKeys = keys.filter((key) => key.startsWith('gateway:apq:'));
      expect({ firstKept, lastKept, keysAdded: apqKeys.length }).toEqual({ firstKept: false, lastKept: false, keysAdded: 0 });
    }, 120_000);

    it("keeps Apollo's protocol working for an anonymous client: hash, PERSISTED_QUERY_NOT_FOUND, the document, its answer; the same next time", async () => {
      const query = `{ __typename } # ${newUserId('anonymous')}`;
      const hash = documentHash(query);
      for (let round = 0; round < 2; round += 1) {
        const miss = await postPersisted(gw.url, hash);
        expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
        const full = await postPersisted(gw.url, hash, { query });
        expect(full).toMatchObject({ status: 200, data: { __typename: 'Query' } });
        expect(full.errors).toBeUndefined();
      }
    });

    it('keeps at most APQ_REGISTRATIONS_PER_USER (5) new documents of a signed-in user, without their padding, for APQ_TTL_SECONDS', async () => {
      const userId = newUserId();
      const token = await gw.tokenFor(userId);
      const before = await footprint(redis);
      const documents = Array.from({ length: 20 }, (_, i) => padded(`${userId} ${i}`, `query Me${i} { me { id } }`));
      for (const query of documents) {
        const answer = await postPersisted(gw.url, documentHash(query), { token, query });
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ me: { id: userId } });
      }
      const kept = await Promise.all(documents.map((query) => isKept(gw, documentHash(query), token)));
      const { keys, bytes } = added(before, await footprint(redis));
      const ttls = await Promise.all(keys.filter((key) => key.includes('apq')).map((key) => redis.ttl(key)));
      console.log(
        `issue 22 item 9: a signed-in user's 20 registrations of ${kib(Buffer.byteLength(documents[0]))}: ${kept.filter(Boolean).length} kept; ` +
          `Redis keys added: ${keys.length} (${kib(bytes)}): ${keys.map((key) => key.replace(userId, '<user>').replace(/[0-9a-f]{64}/, '<hash>')).join(', ')}`,
      );
      expect(kept).toEqual(documents.map((_, i) => i < 5));
      // 5 documents, the index and the user's counter, none padded (besides, the rate limit's counter).
      expect(keys.filter((key) => key.startsWith('gateway:apq:'))).toHaveLength(7);
      expect(bytes).toBeLessThan(4 * 1024);
      for (const ttl of ttls) expect(ttl).toBeGreaterThan(3_500);
      for (const ttl of ttls) expect(ttl).toBeLessThanOrEqual(3_600);

      // The quota is the user's own: another user registers as usual.
      const otherQuery = `query Other { me { id } } # ${newUserId()}`;
      const other = await gw.tokenFor(newUserId());
      await postPersisted(gw.url, documentHash(otherQuery), { token: other, query: otherQuery });
      expect(await isKept(gw, documentHash(otherQuery), other)).toBe(true);
    });
  });

  it('keeps APQ_MAX_ENTRIES (3) documents at most, and a new one again once another expired (APQ_TTL_SECONDS=2)', async () => {
    const { gw, redis } = await start(1, { APQ_MAX_ENTRIES: '3', APQ_TTL_SECONDS: '2' });
    const register = async (query: string) => {
      const token = await gw.tokenFor(newUserId());
      const answer = await postPersisted(gw.url, documentHash(query), { token, query });
      expect(answer.errors).toBeUndefined();
      return isKept(gw, documentHash(query), token);
    };
    const queries = Array.from({ length: 4 }, (_, i) => `query Q${i} { __typename } # ${newUserId()}`);
    const kept: boolean[] = [];
    for (const query of queries) kept.push(await register(query));
    const documents = await redis.keys('gateway:apq:document:*');
    console.log(`issue 22 item 9: 4 users registering one document each with APQ_MAX_ENTRIES=3: kept ${JSON.stringify(kept)}`);
    expect(kept).toEqual([true, true, true, false]);
    expect(documents).toHaveLength(3);

    await eventually(
      async () => ((await register(queries[3])) ? true : undefined),
      10_000,
      'room for the fourth once the first three expired',
    );
  }, 60_000);

  it("keeps a padded trusted document without its padding, never the caller's text", async () => {
    const manifest = path.join(directory, 'persisted-documents.json');
    await writeFile(manifest, JSON.stringify({ 'sha1-of-me': ME }));
    const { gw, redis } = await start(2, { ...ROOM_FOR_PADDING, TRUSTED_DOCUMENTS: manifest });
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const before = await footprint(redis);

    const anonymous = padded('anonymous', 'query Me { me { id } }');
    const fromAnonymous = await postPersisted(gw.url, documentHash(anonymous), { query: anonymous });
    expect(fromAnonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const query = padded(userId, 'query Me { me { id } }');
    const answer = await postPersisted(gw.url, documentHash(query), { token, query });
    expect(answer.data).toEqual({ me: { id: userId } });

    // Served by its hash alone, from the print that was kept.
    expect(await postPersisted(gw.url, documentHash(query), { token })).toMatchObject({ status: 200, data: { me: { id: userId } } });
    const { keys, bytes } = added(before, await footprint(redis));
    const stored = await Promise.all(keys.map(async (key) => ((await redis.type(key)) === 'string' ? redis.get(key) : null)));
    console.log(
      `issue 22 item 9: a trusted document padded to ${kib(Buffer.byteLength(query))}, registered anonymously and by a user: ` +
        `Redis keys added: ${keys.length} (${kib(bytes)})`,
    );
    expect(stored).toContain('query Me{me{id}}');
    expect(stored.some((value) => value?.includes('xxxx'))).toBe(false);
    expect(bytes).toBeLessThan(2 * 1024);
  });
});

describe('issue 22 item 9: APQ registrations in one process (no Redis)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: '', ...ROOM_FOR_PADDING, ...NO_RATE_LIMIT, APQ_REGISTRATIONS_PER_USER: '3' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('runs anonymous padded registrations and keeps none', async () => {
    const documents = Array.from({ length: 50 }, (_, i) => padded(`${newUserId('anonymous')} ${i}`));
    for (const query of documents) {
      expect(await postPersisted(gw.url, documentHash(query), { query })).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    }
    const kept = await Promise.all(documents.map((query) => isKept(gw, documentHash(query))));
    console.log(`issue 22 item 9: in one process, 50 anonymous padded registrations kept: ${kept.filter(Boolean).length}`);
    expect(kept.filter(Boolean)).toHaveLength(0);
  });

  it("keeps a signed-in user's first APQ_REGISTRATIONS_PER_USER (3) new documents, and runs the rest unkept", async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const documents = Array.from({ length: 6 }, (_, i) => `query Me${i} { me { id } } # ${userId}`);
    for (const query of documents) {
      expect(await postPersisted(gw.url, documentHash(query), { token, query })).toMatchObject({ data: { me: { id: userId } } });
    }
    expect(await Promise.all(documents.map((query) => isKept(gw, documentHash(query), token)))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
