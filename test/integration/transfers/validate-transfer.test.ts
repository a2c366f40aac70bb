import { TransferValidationEntity } from '../../../src/entities/transfer-validation.entity';
import { graphql } from '../../generated';
import type { ValidateTransferMutation } from '../../generated/graphql';
import { eventually, linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const VALIDATE = graphql(`
  mutation ValidateTransfer($input: ValidateTransferInput!) {
    validateTransfer(input: $input) {
      id
      approved
      reasons
      requestedAmount
      availableBalance
      isoCurrencyCode
      achAccountMask
      checkedAt
      identityMatch {
        legalName
        phoneNumber
        emailAddress
        address
      }
      account {
        id
        name
        mask
      }
    }
  }
`);

const ACCOUNTS_OF_ITEM = graphql(`
  query AccountsOfItem($itemId: ID) {
    accounts(itemId: $itemId) {
      id
      name
    }
  }
`);

describe('validateTransfer', () => {
  let gw: TestGateway;
  const plaidCalls: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({}, { onPlaidCall: ({ endpoint }) => plaidCalls.push(endpoint) });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A user with a linked First Platypus Item, its accounts by name, and (optionally) a legal name. */
  async function customer(legalName?: string) {
    const token = await gw.tokenFor(newUserId());
    if (legalName)
      await gw.graphql('mutation($n: String) { updateProfile(input: { legalName: $n, email: "alberta@example.com" }) { id } }', {
        token,
        variables: { n: legalName },
      });
    const item = await linkItem(gw, token);
    const listed = await gw.graphql(ACCOUNTS_OF_ITEM, { token, variables: { itemId: item.id } });
    const accounts = Object.fromEntries(listed.data!.accounts.map((account) => [account.name, account.id]));
    const validate = async (accountId: string, amount: number, idempotencyKey?: string) => {
      const answer = await gw.graphql(VALIDATE, { token, variables: { input: { accountId, amount, idempotencyKey } } });
      return { decision: answer.data?.validateTransfer, errors: answer.errors };
    };
    return { token, item, accounts, validate };
  }

  /** Calls only a transfer check makes (background syncs of freshly linked Items call other endpoints). */
  const transferCalls = () => plaidCalls.filter((endpoint) => ['authGet', 'accountsBalanceGet', 'identityMatch'].includes(endpoint)).length;
  const row = (id: string) => gw.gateway.dataSource.getRepository(TransferValidationEntity).findOneByOrFail({ id });

  it('approves a funded, eligible account whose owner is the user, and records why', async () => {
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const { decision, errors } = await validate(accounts['Plaid Checking'], 42.5);
    expect(errors).toBeUndefined();
    expect(decision).toMatchObject({
      approved: true,
      reasons: [],
      requestedAmount: 42.5,
      availableBalance: 100,
      isoCurrencyCode: 'USD',
      achAccountMask: '0000',
      account: { name: 'Plaid Checking', mask: '0000' },
    });
    expect(decision!.identityMatch!.legalName).toBeGreaterThanOrEqual(70);
    const stored = await row(decision!.id);
    expect(stored).toMatchObject({
      approved: true,
      reasons: [],
      requestedAmount: '42.50',
      availableBalance: '100',
      achAccountMask: '0000',
      accountId: accounts['Plaid Checking'],
    });
    expect(stored.checks).toMatchObject({
      item: { passed: true },
      eligibility: { passed: true },
      ach: { passed: true },
      balance: { passed: true },
      identity: { passed: true },
    });
    // Only the last four digits are ever kept.
    const asText: Array<{ t: string }> = await gw.gateway.dataSource.query('SELECT t::text FROM transfer_validations t WHERE id = $1', [
      decision!.id,
    ]);
    expect(asText[0].t).not.toMatch(/1111222233330000|011401533/);
  });

  it('declines an amount the real-time available balance does not cover', async () => {
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const { decision } = await validate(accounts['Plaid Saving'], 250);
    expect(decision).toMatchObject({ approved: false, reasons: ['INSUFFICIENT_FUNDS'], availableBalance: 200, achAccountMask: '1111' });
    expect((await row(decision!.id)).reasons).toEqual(['INSUFFICIENT_FUNDS']);
  });

  it.each([['Plaid Credit Card'], ['Plaid Student Loan'], ['Plaid CD']])(
    'declines %s as not eligible, reporting every failing check',
    async (name) => {
      const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
      const { decision } = await validate(accounts[name], 10);
      expect(decision!.approved).toBe(false);
      expect(decision!.reasons).toEqual(expect.arrayContaining(['ACCOUNT_NOT_ELIGIBLE', 'NO_ACH_NUMBERS']));
      expect(decision!.achAccountMask).toBeNull();
      expect((await row(decision!.id)).approved).toBe(false);
    },
  );

  it('declines when the account owner is someone else', async () => {
    const { accounts, validate } = await customer('Zebulon Quincy Stranger');
    const { decision } = await validate(accounts['Plaid Checking'], 10);
    expect(decision).toMatchObject({ approved: false, reasons: ['IDENTITY_MISMATCH'] });
    expect(decision!.identityMatch!.legalName).toBeLessThan(70);
    expect((await row(decision!.id)).legalNameScore).toBe(decision!.identityMatch!.legalName);
  });

  it('declines when the profile has no legal name, without asking Plaid to match', async () => {
    const { accounts, validate } = await customer();
    const before = plaidCalls.filter((call) => call === 'identityMatch').length;
    const { decision } = await validate(accounts['Plaid Checking'], 10);
    expect(decision).toMatchObject({ approved: false, reasons: ['PROFILE_INCOMPLETE'], identityMatch: null });
    expect(plaidCalls.filter((call) => call === 'identityMatch').length).toBe(before);
  });

  it('declines an Item that needs its user to log in again', async () => {
    const { token, item, accounts, validate } = await customer('Alberta Bobbeth Charleson');
    await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } });
    await eventually(async () =>
      (
        await gw.graphql<{ item: { status: string } }>('query($id: ID!) { item(id: $id) { status } }', {
          token,
          variables: { id: item.id },
        })
      ).data?.item.status === 'LOGIN_REQUIRED'
        ? true
        : undefined,
    );
    const { decision } = await validate(accounts['Plaid Checking'], 10);
    expect(decision).toMatchObject({ approved: false, availableBalance: null });
    expect(decision!.reasons).toEqual(expect.arrayContaining(['ITEM_LOGIN_REQUIRED', 'BALANCE_UNAVAILABLE']));
  });

  it("reports BALANCE_UNAVAILABLE with a retry hint once Plaid's per-Item balance limit is reached, never a cached figure", async () => {
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const decisions: ValidateTransferMutation['validateTransfer'][] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) decisions.push((await validate(accounts['Plaid Checking'], 5)).decision!);
    expect(decisions.slice(0, 5).every((decision) => decision.approved)).toBe(true);
    expect(decisions[5]).toMatchObject({ approved: false, reasons: ['BALANCE_UNAVAILABLE'], availableBalance: null });
    expect((await row(decisions[5].id)).checks).toMatchObject({ balance: { passed: false, retryAfterSeconds: 60 } });
  });

  it('returns the recorded decision for a repeated idempotency key without calling Plaid again', async () => {
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const first = await validate(accounts['Plaid Checking'], 20, 'order-7781');
    const callsBefore = transferCalls();
    const again = await validate(accounts['Plaid Checking'], 20, 'order-7781');
    expect(again.decision).toEqual(first.decision);
    expect(transferCalls()).toBe(callsBefore);
    const rows: Array<{ n: number }> = await gw.gateway.dataSource.query(
      'SELECT count(*)::int AS n FROM transfer_validations WHERE idempotency_key = $1 AND account_id = $2',
      ['order-7781', accounts['Plaid Checking']],
    );
    expect(rows[0].n).toBe(1);

    for (const [accountId, amount] of [
      [accounts['Plaid Checking'], 21],
      [accounts['Plaid Saving'], 20],
    ] as const) {
      const reused = await validate(accountId, amount, 'order-7781');
      expect(reused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
  });

  it.each([[0], [-5], [10.001], [2e9]])('refuses amount %p as BAD_USER_INPUT and records nothing', async (amount) => {
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const before: Array<{ n: number }> = await gw.gateway.dataSource.query(
      'SELECT count(*)::int AS n FROM transfer_validations WHERE account_id = $1',
      [accounts['Plaid Checking']],
    );
    const { errors } = await validate(accounts['Plaid Checking'], amount);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const after: Array<{ n: number }> = await gw.gateway.dataSource.query(
      'SELECT count(*)::int AS n FROM transfer_validations WHERE account_id = $1',
      [accounts['Plaid Checking']],
    );
    expect(after[0].n).toBe(before[0].n);
  });

  it('item 11: checks a large amount by its exact decimals in the account currency, not by amount * 100', async () => {
    // 670824017.06 * 100 is 67082401705.99999 as a float: the old check refused it as having more than two decimals.
    const { accounts, validate } = await customer('Alberta Bobbeth Charleson');
    const { decision, errors } = await validate(accounts['Plaid Checking'], 670824017.06);
    expect(errors).toBeUndefined();
    expect(decision).toMatchObject({ approved: false, reasons: ['INSUFFICIENT_FUNDS'], requestedAmount: 670824017.06 });
    expect((await row(decision!.id)).requestedAmount).toBe('670824017.06');
    const tooFine = await validate(accounts['Plaid Checking'], 670824017.061);
    expect(tooFine.errors?.[0]).toMatchObject({
      message: 'amount must have at most 2 decimals in USD',
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    });
  });

  it("answers another user's account with NOT_FOUND and asks Plaid nothing", async () => {
    const owner = await customer('Alberta Bobbeth Charleson');
    const stranger = await customer('Alberta Bobbeth Charleson');
    const callsBefore = transferCalls();
    const { errors, decision } = await stranger.validate(owner.accounts['Plaid Checking'], 10);
    expect(decision).toBeUndefined();
    expect(errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(transferCalls()).toBe(callsBefore);
    const rows: Array<{ n: number }> = await gw.gateway.dataSource.query(
      'SELECT count(*)::int AS n FROM transfer_validations WHERE account_id = $1',
      [owner.accounts['Plaid Checking']],
    );
    expect(rows[0].n).toBe(0);
  });
});
