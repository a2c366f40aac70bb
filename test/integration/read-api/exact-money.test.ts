import { Decimal } from 'decimal.js';
import { graphql } from '../../generated';
import { linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const SYNC = graphql(`
  mutation SyncForExactMoney($itemId: ID!) {
    syncItem(itemId: $itemId) {
      added
    }
  }
`);

const MONEY_OF_TRANSACTION = graphql(`
  query MoneyOfTransaction($id: ID!) {
    transaction(id: $id) {
      amount
      money {
        amount
        currencyCode
      }
    }
  }
`);

const TRANSACTIONS_BETWEEN = graphql(`
  query TransactionsBetweenExactAmounts($min: Decimal, $max: Decimal) {
    transactions(first: 100, filter: { minExactAmount: $min, maxExactAmount: $max }) {
      edges {
        node {
          id
          money {
            amount
            currencyCode
          }
        }
      }
    }
  }
`);

const MONEY_OF_BALANCES = graphql(`
  query MoneyOfBalances($accountIds: [ID!], $realtime: Boolean!) {
    balances(accountIds: $accountIds, realtime: $realtime) {
      accountId
      current
      currentMoney {
        amount
        currencyCode
      }
      availableMoney {
        amount
        currencyCode
      }
      limitMoney {
        amount
        currencyCode
      }
    }
  }
`);

const PLAID_ACCOUNT_IDS = graphql(`
  query PlaidAccountIds($itemId: ID) {
    accounts(itemId: $itemId) {
      id
      plaidAccountId
      name
    }
  }
`);

/** Amounts a float turns into something else: 575.67 (monetr #2594), -9.95 (actualpy #77), 0.1. */
const AMOUNTS = ['0.1', '575.67', '-9.95'];

describe('exact money on the wire', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A linked Item, settled, with three of its transactions given AMOUNTS by Plaid (the emulator) and synced. */
  async function itemWithAmounts() {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const rows = await gw.gateway.dataSource.query<Array<{ id: string; plaid_transaction_id: string }>>(
      'SELECT id, plaid_transaction_id FROM transactions WHERE user_id = $1 AND NOT pending ORDER BY date DESC, id LIMIT 3',
      [userId],
    );
    for (const [index, row] of rows.entries())
      await gw.emulator.modifyTransaction(item.plaidItemId, row.plaid_transaction_id, { amount: Number(AMOUNTS[index]) });
    const synced = await gw.graphql(SYNC, { token, variables: { itemId: item.id } });
    expect(synced.errors).toBeUndefined();
    await settled(gw, [item.id]);
    const stored = async (id: string) =>
      (
        await gw.gateway.dataSource.query<Array<{ amount: string }>>('SELECT amount::text AS amount FROM transactions WHERE id = $1', [id])
      )[0].amount;
    return { token, item, ids: rows.map((row) => row.id), stored };
  }

  it('an amount Plaid wrote as 0.1 is stored as 0.1', async () => {
    const { ids, stored } = await itemWithAmounts();
    // Not 0.1000000000000000055511151231257827 (the double nearest 0.1): the number as Plaid wrote it.
    expect(await Promise.all(ids.map(stored))).toEqual(AMOUNTS);
  });

  it('Money fields give the stored numeric exactly', async () => {
    const { token, item, ids, stored } = await itemWithAmounts();
    for (const [index, id] of ids.entries()) {
      const answer = await gw.graphql(MONEY_OF_TRANSACTION, { token, variables: { id } });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.transaction!.money).toEqual({ amount: AMOUNTS[index], currencyCode: 'USD' });
      expect(answer.data!.transaction!.money.amount).toBe(await stored(id));
    }

    // The exact bounds are inclusive and compare the numeric, not a float.
    const between = await gw.graphql(TRANSACTIONS_BETWEEN, { token, variables: { min: '-9.95', max: '0.1' } });
    expect(between.errors).toBeUndefined();
    const found = new Map(between.data!.transactions.edges.map(({ node }) => [node.id, node.money.amount]));
    expect(found.get(ids[0])).toBe('0.1');
    expect(found.get(ids[2])).toBe('-9.95');
    expect(found.has(ids[1])).toBe(false);
    for (const amount of found.values()) expect(new Decimal(amount).gte('-9.95') && new Decimal(amount).lte('0.1')).toBe(true);

    // Balances: read from Plaid now (realtime) and as stored, both exactly as Plaid wrote them.
    const accounts = await gw.graphql(PLAID_ACCOUNT_IDS, { token, variables: { itemId: item.id } });
    const checking = accounts.data!.accounts.find((account) => account.name === 'Plaid Checking')!;
    await gw.emulator.setBalances(item.plaidItemId, checking.plaidAccountId, { available: 0.1, current: 575.67, limit: -9.95 });
    const expected = {
      accountId: checking.id,
      current: 575.67,
      currentMoney: { amount: '575.67', currencyCode: 'USD' },
      availableMoney: { amount: '0.1', currencyCode: 'USD' },
      limitMoney: { amount: '-9.95', currencyCode: 'USD' },
    };
    for (const realtime of [true, false]) {
      const balances = await gw.graphql(MONEY_OF_BALANCES, { token, variables: { accountIds: [checking.id], realtime } });
      expect(balances.errors).toBeUndefined();
      expect(balances.data!.balances).toEqual([expected]);
    }
    const [row] = await gw.gateway.dataSource.query<Array<{ available: string; current: string; limit: string }>>(
      'SELECT balance_available::text AS available, balance_current::text AS current, balance_limit::text AS "limit" FROM accounts WHERE id = $1',
      [checking.id],
    );
    expect(row).toEqual({ available: '0.1', current: '575.67', limit: '-9.95' });
  });
});
