import { randomUUID } from 'node:crypto';
import { accessTokenOf, callPlaid, linkItem, settled } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import type { ChangesPage } from '../../support/transaction-changes-page';

const ANNOTATE = `mutation($input: AnnotateTransactionInput!) {
  annotateTransaction(input: $input) { id category effectiveCategory annotation { categoryOverride note tags hidden updatedAt } }
}`;

const CHANGES = `query($cursor: String) {
  transactionChanges(cursor: $cursor, count: 500) {
    added { ...row } modified { ...row } removed { id plaidTransactionId } nextCursor hasMore
  }
}
fragment row on Transaction { id plaidTransactionId pending pendingTransactionId effectiveCategory annotation { categoryOverride note tags hidden } }`;

const TRANSACTIONS = `query($filter: TransactionFilter) {
  transactions(first: 500, filter: $filter) { edges { node { id plaidTransactionId pending category categoryDetailed effectiveCategory annotation { tags hidden } } } }
}`;

interface Annotation {
  categoryOverride: string | null;
  note: string | null;
  tags: string[];
  hidden: boolean;
  updatedAt?: string;
}

interface Row {
  id: string;
  plaidTransactionId: string;
  pending: boolean;
  pendingTransactionId: string | null;
  category: string | null;
  categoryDetailed: string | null;
  effectiveCategory: string | null;
  annotation: Annotation | null;
}

describe('annotations: the user’s own layer over transactions', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const annotate = (token: string, input: Record<string, unknown>) =>
    gw.graphql<{ annotateTransaction: Row & { annotation: Annotation } }>(ANNOTATE, { token, variables: { input } });

  const annotated = async (token: string, input: Record<string, unknown>) => {
    const answer = await annotate(token, input);
    expect(answer.errors).toBeUndefined();
    return answer.data!.annotateTransaction;
  };

  const transactions = async (token: string, filter: Record<string, unknown> = {}): Promise<Row[]> => {
    const answer = await gw.graphql<{ transactions: { edges: Array<{ node: Row }> } }>(TRANSACTIONS, { token, variables: { filter } });
    expect(answer.errors).toBeUndefined();
    return answer.data!.transactions.edges.map((edge) => edge.node);
  };

  const changes = async (token: string, cursor?: string): Promise<ChangesPage<Row>> => {
    const answer = await gw.graphql<{ transactionChanges: ChangesPage<Row> }>(CHANGES, { token, variables: { cursor } });
    expect(answer.errors).toBeUndefined();
    return answer.data!.transactionChanges;
  };

  /** Everything after `cursor`, walked to its end: the cursor a client's copy would keep. */
  const latestCursor = async (token: string, cursor?: string): Promise<string> => {
    for (;;) {
      const page = await changes(token, cursor);
      cursor = page.nextCursor;
      if (!page.hasMore) return cursor;
    }
  };

  const storedAnnotations = async (userId: string) =>
    (
      await gw.gateway.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM transaction_annotations WHERE user_id = $1', [
        userId,
      ])
    )[0].n;
  const changeLogLength = async (userId: string) =>
    (
      await gw.gateway.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM transaction_changes WHERE user_id = $1', [
        userId,
      ])
    )[0].n;

  async function linkedUser(username?: string) {
    const userId = newUserId('annotations');
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token, username ? { username } : {});
    await settled(gw, [item.id]);
    return { userId, token, item };
  }

  it('an annotation on a pending transaction is found on the posted one after a refresh, and in transactionChanges both as a modification and after posting', async () => {
    const { token, item } = await linkedUser('user_transactions_dynamic');
    let cursor = await latestCursor(token);
    const pending = (await transactions(token, { pending: true }))[0];
    expect(pending).toBeDefined();
    const annotation = { categoryOverride: 'GIFTS', note: 'for Ana', tags: ['birthday', 'family'], hidden: false };

    const live = await subscribe(
      gw.wsUrl,
      token,
      'subscription($id: ID) { transactionsSynced(itemId: $id) { item { id } added modified removed } }',
      {
        id: item.id,
      },
    );
    try {
      await annotated(token, { transactionId: pending.id, ...annotation });
      // Announced as a change to the Item's transactions, which tells clients to ask transactionChanges.
      expect((await live.next()).data?.transactionsSynced).toEqual({ item: { id: item.id }, added: 0, modified: 1, removed: 0 });
    } finally {
      await live.close();
    }

    // A modification, carrying the new annotation.
    const modification = await changes(token, cursor);
    expect(modification.added).toEqual([]);
    expect(modification.modified).toEqual([
      expect.objectContaining({ id: pending.id, pending: true, effectiveCategory: 'GIFTS', annotation }),
    ]);
    cursor = modification.nextCursor;

    // The refresh posts the pending transactions: Plaid removes each and adds its posted one.
    await callPlaid(gw, '/transactions/refresh', { access_token: await accessTokenOf(gw, item.id) });
    await settled(gw, [item.id]);
    const posting = await changes(token, cursor);
    expect(posting.removed.map((row) => row.id)).toContain(pending.id);
    const posted = posting.added.find((row) => row.pendingTransactionId === pending.plaidTransactionId);
    expect(posted).toMatchObject({ pending: false, effectiveCategory: 'GIFTS', annotation });
    expect(posted!.id).not.toBe(pending.id);

    // Read directly, and found by its tags.
    const tagged = await transactions(token, { tags: ['birthday'] });
    expect(tagged.map((row) => row.id)).toEqual([posted!.id]);
    const rows = await gw.gateway.dataSource.query<Array<{ transaction_id: string }>>(
      'SELECT transaction_id FROM transaction_annotations WHERE transaction_id = ANY($1::uuid[])',
      [[pending.id, posted!.id]],
    );
    expect(rows.map((row) => row.transaction_id)).toEqual([posted!.id]);
  }, 60_000);

  it("another user's transaction is NOT_FOUND for annotateTransaction", async () => {
    const owner = await linkedUser();
    const [theirs] = await transactions(owner.token);
    const intruder = await gw.tokenFor(newUserId('intruder'));
    for (const transactionId of [theirs.id, randomUUID(), 'not-an-id', '']) {
      const answer = await annotate(intruder, { transactionId, note: 'mine now', hidden: true });
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(answer.data).toBeNull();
    }
    expect(await storedAnnotations(owner.userId)).toBe(0);
    expect((await transactions(owner.token)).find((row) => row.id === theirs.id)?.annotation).toBeNull();
  }, 60_000);

  it('refuses 21 tags, a 41-character tag, an empty tag, a 2,001-character note and a 101-character category with BAD_USER_INPUT, changing nothing', async () => {
    const { userId, token } = await linkedUser();
    const [target] = await transactions(token);
    const before = await annotated(token, { transactionId: target.id, note: 'kept', tags: ['kept'] });
    const logged = await changeLogLength(userId);
    const refused: Array<[string, Record<string, unknown>]> = [
      ['tags', { tags: Array.from({ length: 21 }, (_, n) => `t${n}`) }],
      ['tags', { tags: ['x'.repeat(41)] }],
      ['tags', { tags: ['ok', ' '] }],
      ['note', { note: 'n'.repeat(2_001) }],
      ['categoryOverride', { categoryOverride: 'c'.repeat(101), note: 'not this either' }],
    ];
    for (const [field, input] of refused) {
      const answer = await annotate(token, { transactionId: target.id, hidden: true, ...input });
      expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) })]);
    }
    const [after] = (await transactions(token)).filter((row) => row.id === target.id);
    expect(after.annotation).toEqual({ tags: ['kept'], hidden: false });
    const stored = await gw.gateway.dataSource.query<Array<{ note: string; updated_at: Date }>>(
      'SELECT note, updated_at FROM transaction_annotations WHERE transaction_id = $1',
      [target.id],
    );
    expect(stored).toEqual([{ note: 'kept', updated_at: new Date(before.annotation.updatedAt!) }]);
    expect(await changeLogLength(userId)).toBe(logged);
    // The bounds themselves are accepted.
    const atBounds = await annotated(token, {
      transactionId: target.id,
      tags: Array.from({ length: 20 }, (_, n) => `${n}`.padEnd(40, 'x')),
      note: 'n'.repeat(2_000),
      categoryOverride: 'c'.repeat(100),
    });
    expect(atBounds.annotation.tags).toHaveLength(20);
  }, 60_000);

  it('a partial update keeps the fields left out; null clears categoryOverride and note; tags replace the set, trimmed and deduplicated', async () => {
    const { token } = await linkedUser();
    const [target] = (await transactions(token)).filter((row) => row.category !== null);
    const id = target.id;
    expect(target.annotation).toBeNull();
    expect(target.effectiveCategory).toBe(target.category);

    const first = await annotated(token, { transactionId: id, categoryOverride: ' TRAVEL ', note: 'trip', tags: [' a', 'b', 'a '] });
    expect(first).toMatchObject({
      effectiveCategory: 'TRAVEL',
      annotation: { categoryOverride: 'TRAVEL', note: 'trip', tags: ['a', 'b'], hidden: false },
    });
    const hidden = await annotated(token, { transactionId: id, hidden: true });
    expect(hidden.annotation).toMatchObject({ categoryOverride: 'TRAVEL', note: 'trip', tags: ['a', 'b'], hidden: true });
    const retagged = await annotated(token, { transactionId: id, tags: ['c'] });
    expect(retagged.annotation).toMatchObject({ categoryOverride: 'TRAVEL', note: 'trip', tags: ['c'], hidden: true });
    const cleared = await annotated(token, { transactionId: id, categoryOverride: null, note: null });
    expect(cleared).toMatchObject({
      effectiveCategory: target.category,
      annotation: { categoryOverride: null, note: null, tags: ['c'], hidden: true },
    });
    expect(Date.parse(cleared.annotation.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(first.annotation.updatedAt!));
    const untagged = await annotated(token, { transactionId: id, tags: [] });
    expect(untagged.annotation).toMatchObject({ tags: [], hidden: true });
  }, 60_000);

  it('filters by tags (every one), hidden and the effective category', async () => {
    const { token } = await linkedUser();
    const all = await transactions(token);
    const categorised = all.filter((row) => row.category !== null && row.categoryDetailed !== null);
    expect(categorised.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = categorised;
    await annotated(token, { transactionId: a.id, tags: ['x', 'y'], hidden: true, categoryOverride: 'MY_OWN' });
    await annotated(token, { transactionId: b.id, tags: ['x'] });
    await annotated(token, { transactionId: c.id, hidden: false, note: 'visible, annotated' });
    const ids = async (filter: Record<string, unknown>) => (await transactions(token, filter)).map((row) => row.id).sort();

    expect(await ids({ tags: ['x'] })).toEqual([a.id, b.id].sort());
    expect(await ids({ tags: ['x', 'y'] })).toEqual([a.id]);
    expect(await ids({ tags: [' y '] })).toEqual([a.id]);
    expect(await ids({ tags: ['x', 'nope'] })).toEqual([]);
    expect(await ids({ tags: [] })).toEqual(all.map((row) => row.id).sort());
    expect(await ids({ hidden: true })).toEqual([a.id]);
    expect(await ids({ hidden: false })).toEqual(
      all
        .filter((row) => row.id !== a.id)
        .map((row) => row.id)
        .sort(),
    );
    expect(await ids({ hidden: null })).toHaveLength(all.length);
    expect(await ids({ category: 'MY_OWN' })).toEqual([a.id]);
    // Overridden: no longer found by Plaid's categories, primary or detailed.
    expect(await ids({ category: a.category })).not.toContain(a.id);
    expect(await ids({ category: a.categoryDetailed })).not.toContain(a.id);
    expect(await ids({ category: b.category })).toContain(b.id);
    expect(await ids({ category: b.categoryDetailed })).toContain(b.id);
    expect(await ids({ category: 'MY_OWN', hidden: false })).toEqual([]);
  }, 60_000);

  it('removing an Item removes its annotations', async () => {
    const { userId, token, item } = await linkedUser();
    const kept = await linkItem(gw, token, { institutionId: 'ins_109509' });
    await settled(gw, [kept.id]);
    const accountsOf = async (itemId: string) =>
      (await gw.gateway.dataSource.query<Array<{ id: string }>>('SELECT id FROM transactions WHERE item_id = $1 LIMIT 2', [itemId])).map(
        (row) => row.id,
      );
    for (const id of [...(await accountsOf(item.id)), ...(await accountsOf(kept.id))])
      await annotated(token, { transactionId: id, tags: ['t'] });
    expect(await storedAnnotations(userId)).toBe(4);
    const removed = await gw.graphql('mutation($id: ID!) { removeItem(itemId: $id) { removed } }', { token, variables: { id: item.id } });
    expect(removed.errors).toBeUndefined();
    expect(await storedAnnotations(userId)).toBe(2);
    const left = await gw.gateway.dataSource.query<Array<{ item_id: string }>>(
      'SELECT t.item_id FROM transaction_annotations an JOIN transactions t ON t.id = an.transaction_id WHERE an.user_id = $1',
      [userId],
    );
    expect(left.map((row) => row.item_id)).toEqual([kept.id, kept.id]);
  }, 60_000);
});
