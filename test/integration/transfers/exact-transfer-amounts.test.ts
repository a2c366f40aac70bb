import { Decimal } from 'decimal.js';
import { graphql } from '../../generated';
import { linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const VALIDATE_EXACTLY = graphql(`
  mutation ValidateTransferExactly($input: ValidateTransferInput!) {
    validateTransfer(input: $input) {
      id
      approved
      reasons
      requestedMoney {
        amount
        currencyCode
      }
      availableBalanceMoney {
        amount
        currencyCode
      }
    }
  }
`);

const PLAID_ACCOUNTS = graphql(`
  query PlaidAccountsOfItem($itemId: ID) {
    accounts(itemId: $itemId) {
      id
      plaidAccountId
      name
    }
  }
`);

/** What a client may send as a Decimal that is none: each must be BAD_USER_INPUT and change nothing. */
const NOT_DECIMALS: Array<[string, unknown]> = [
  ['an exponent', '1e3'],
  ['hex', '0x10'],
  ['NaN', 'NaN'],
  ['an empty string', ''],
  ['a grouping comma', '1,5'],
  ['seven decimals', '0.1234567'],
  ['a JSON number', 12.5],
];

describe('exact transfer amounts', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // Up to the Decimal's 15 integer digits, so amounts beyond a double's exact cents can be checked.
    gw = await startTestGateway({ TRANSFER_MAX_AMOUNT: '999999999999999' });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A user with a linked First Platypus Item whose owner matches, and its checking account. */
  async function customer() {
    const token = await gw.tokenFor(newUserId());
    await gw.graphql('mutation { updateProfile(input: { legalName: "Alberta Bobbeth Charleson" }) { id } }', { token });
    const item = await linkItem(gw, token);
    const listed = await gw.graphql(PLAID_ACCOUNTS, { token, variables: { itemId: item.id } });
    const checking = listed.data!.accounts.find((account) => account.name === 'Plaid Checking')!;
    const validate = async (input: { amount?: number; exactAmount?: string; idempotencyKey?: string }) => {
      const answer = await gw.graphql(VALIDATE_EXACTLY, { token, variables: { input: { accountId: checking.id, ...input } } });
      return { decision: answer.data?.validateTransfer, errors: answer.errors };
    };
    const recorded = async () =>
      (
        await gw.gateway.dataSource.query<Array<{ n: number }>>(
          'SELECT count(*)::int AS n FROM transfer_validations WHERE account_id = $1',
          [checking.id],
        )
      )[0].n;
    return { token, item, checking, validate, recorded };
  }

  it('a balance of exactly X approves a transfer of exactly X and declines X + 0.01', async () => {
    // 90071992547409.94 is 9007199254740994 cents, past 2^53: a double cannot count those cents one by one.
    for (const x of ['1234.56', '90071992547409.94']) {
      const { item, checking, validate } = await customer();
      // Plaid sends the balance as a JSON number; this one's shortest form is exactly x.
      await gw.emulator.setBalances(item.plaidItemId, checking.plaidAccountId, { available: Number(x), current: Number(x) });

      const exact = await validate({ exactAmount: x });
      expect(exact.errors).toBeUndefined();
      expect(exact.decision).toMatchObject({
        approved: true,
        reasons: [],
        requestedMoney: { amount: x, currencyCode: 'USD' },
        availableBalanceMoney: { amount: x, currencyCode: 'USD' },
      });

      const more = new Decimal(x).plus('0.01').toFixed(2);
      const over = await validate({ exactAmount: more });
      expect(over.errors).toBeUndefined();
      expect(over.decision).toMatchObject({
        approved: false,
        reasons: ['INSUFFICIENT_FUNDS'],
        requestedMoney: { amount: more, currencyCode: 'USD' },
        availableBalanceMoney: { amount: x, currencyCode: 'USD' },
      });
    }
  });

  it('takes exactly one of amount and exactAmount, and refuses neither or both as BAD_USER_INPUT, recording nothing', async () => {
    const { validate, recorded } = await customer();
    for (const input of [{}, { amount: 10, exactAmount: '10' }]) {
      const { decision, errors } = await validate(input);
      expect(decision).toBeUndefined();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exactAmount' });
    }
    for (const exactAmount of ['0', '-5', '10.001', '999999999999999.01']) {
      const { errors } = await validate({ exactAmount });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exactAmount' });
    }
    // TRANSFER_MAX_AMOUNT bounds the exact amount as it bounds the float one.
    expect((await validate({ exactAmount: '999999999999999.01' })).errors?.[0].message).toBe('exactAmount must be at most 999999999999999');
    expect(await recorded()).toBe(0);
  });

  it('treats amount 12.5 and exactAmount "12.50" as the same amount for an idempotency key', async () => {
    const { validate, recorded } = await customer();
    const first = await validate({ amount: 12.5, idempotencyKey: 'order-12.5' });
    expect(first.decision).toMatchObject({ approved: true, requestedMoney: { amount: '12.50', currencyCode: 'USD' } });
    const again = await validate({ exactAmount: '12.50', idempotencyKey: 'order-12.5' });
    expect(again.decision).toEqual(first.decision);
    const other = await validate({ exactAmount: '12.51', idempotencyKey: 'order-12.5' });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await recorded()).toBe(1);
  });

  it.each(NOT_DECIMALS)('refuses %s as a Decimal with BAD_USER_INPUT, in a variable or inline, recording nothing', async (_, value) => {
    const { token, checking, validate, recorded } = await customer();
    const asVariable = await validate({ exactAmount: value as string });
    expect(asVariable.decision).toBeUndefined();
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const literal = typeof value === 'string' ? JSON.stringify(value) : String(value);
    const inline = await gw.graphql(
      `mutation { validateTransfer(input: { accountId: ${JSON.stringify(checking.id)}, exactAmount: ${literal} }) { id } }`,
      { token },
    );
    expect(inline.data ?? undefined).toBeUndefined();
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const filtered = await gw.graphql(`query { transactions(filter: { minExactAmount: ${literal} }) { totalCount } }`, { token });
    expect(filtered.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await recorded()).toBe(0);
  });
});
