import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { parse, stripIgnoredCharacters } from 'graphql';
import { MemoryPersistedQueryStore } from '../../../src/server/memory-persisted-query-store';
import { PersistedQueryLookups } from '../../../src/server/persisted-query-cache';
import { TrustedDocuments } from '../../../src/server/trusted-documents';

const ME = 'query Me {\n  me {\n    id\n  }\n}';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('PersistedQueryLookups', () => {
  const store = new MemoryPersistedQueryStore({ ttlSeconds: 60, maxEntries: 10, registrationsPerUser: 10 });
  const trusted = new TrustedDocuments({ 'sha1-of-me': ME }, 'partner');
  const lookups = new PersistedQueryLookups(store, trusted);

  afterAll(() => store.close());

  it("answers a trusted document's SHA-256 first, then what the store keeps", async () => {
    await store.register({ hash: 'registered', document: '{ me { id } }', userId: 'ann' });
    expect(await lookups.get(`apq:${sha256(ME)}`)).toBe(ME);
    expect(await lookups.get('apq:registered')).toBe('{ me { id } }');
    expect(await lookups.get('apq:unknown')).toBeUndefined();
    expect(await lookups.get('registered')).toBeUndefined();
  });

  it("drops Apollo's own writes: it registers whoever asks, with whatever padding", async () => {
    const asApolloSeesIt: KeyValueCache<string> = lookups;
    const padded = `{ me { id } } # ${'x'.repeat(40_000)}`;
    await asApolloSeesIt.set(`apq:${sha256(padded)}`, padded, { ttl: 86_400 });
    expect(await lookups.get(`apq:${sha256(padded)}`)).toBeUndefined();
  });

  it('keeps a padded trusted document trusted without its padding (what the registration plugin stores)', () => {
    const padded = `query Me { me { id } } # ${'x'.repeat(40_000)}`;
    const stored = stripIgnoredCharacters(padded);
    expect(stored).toBe('query Me{me{id}}');
    expect(trusted.refusal(null, parse(stored))).toBeUndefined();
  });
});
