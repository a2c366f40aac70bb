import { AxiosError } from 'axios';
import { PlaidErrorType, type AccountsGetResponse, type AuthGetResponse, type IdentityMatchResponse } from 'plaid';
import { ItemStatus } from '../../../src/entities/item-status';
import { TransferDeclineReason as Reason } from '../../../src/entities/transfer-decline-reason';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import { decideTransfer, type PlaidAnswers, type TransferFacts } from '../../../src/services/transfer-decision';
import { Decimal } from '../../../src/services/exact-amount';

const PLAID_ACCOUNT = 'plaid-acc-1';
const checking = { id: 'acc-1', plaidAccountId: PLAID_ACCOUNT, type: 'depository', subtype: 'checking', isoCurrencyCode: 'USD' };

const fulfilled = <T>(value: T): PromiseFulfilledResult<T> => ({ status: 'fulfilled', value });
const rejected = (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason });
const plaidFailure = (type: PlaidErrorType, code: string) =>
  PlaidApiError.fromPlaidError('call', { error_type: type, error_code: code, error_message: code, display_message: null });

const ach = (accountNumber = '1111222233330000') =>
  fulfilled({
    numbers: { ach: [{ account_id: PLAID_ACCOUNT, account: accountNumber, routing: '011401533', wire_routing: null }] },
  } as unknown as AuthGetResponse);
const noAch = fulfilled({ numbers: { ach: [] } } as unknown as AuthGetResponse);
const balance = (available: number | null, current: number | null = 500) =>
  fulfilled({ accounts: [{ account_id: PLAID_ACCOUNT, balances: { available, current } }] } as unknown as AccountsGetResponse);
const identity = (legalName: number | null) =>
  fulfilled({
    accounts: [
      {
        account_id: PLAID_ACCOUNT,
        legal_name: { score: legalName },
        phone_number: { score: 70 },
        email_address: null,
        address: { score: 90 },
      },
    ],
  } as unknown as IdentityMatchResponse);

const healthy: PlaidAnswers = { ach: ach(), balance: balance(200), identity: identity(95) };
const facts = (overrides: Partial<TransferFacts> = {}): TransferFacts => ({
  account: checking,
  amount: new Decimal('100'),
  itemStatus: ItemStatus.ACTIVE,
  hasLegalName: true,
  identityThreshold: 70,
  answers: healthy,
  ...overrides,
});

describe('the transfer decision', () => {
  it.each<[string, Partial<TransferFacts>, Reason[]]>([
    ['everything passes', {}, []],
    ['a credit account', { account: { ...checking, type: 'credit', subtype: 'credit card' } }, [Reason.ACCOUNT_NOT_ELIGIBLE]],
    ['a depository CD', { account: { ...checking, subtype: 'cd' } }, [Reason.ACCOUNT_NOT_ELIGIBLE]],
    ['a depository account without subtype', { account: { ...checking, subtype: null } }, [Reason.ACCOUNT_NOT_ELIGIBLE]],
    [
      'an Item needing a login',
      { itemStatus: ItemStatus.LOGIN_REQUIRED, answers: undefined },
      [Reason.ITEM_LOGIN_REQUIRED, Reason.BALANCE_UNAVAILABLE],
    ],
    ['a revoked Item', { itemStatus: ItemStatus.REVOKED, answers: undefined }, [Reason.ITEM_NOT_ACTIVE, Reason.BALANCE_UNAVAILABLE]],
    ['no ACH numbers', { answers: { ...healthy, ach: noAch } }, [Reason.NO_ACH_NUMBERS]],
    ['too little money', { amount: new Decimal('250') }, [Reason.INSUFFICIENT_FUNDS]],
    ['exactly enough money', { amount: new Decimal('200') }, []],
    ['only a current balance, enough', { answers: { ...healthy, balance: balance(null, 150) } }, []],
    ['no balance at all', { answers: { ...healthy, balance: balance(null, null) } }, [Reason.BALANCE_UNAVAILABLE]],
    [
      'a rate-limited balance',
      { answers: { ...healthy, balance: rejected(plaidFailure(PlaidErrorType.RateLimitExceeded, 'RATE_LIMIT_EXCEEDED')) } },
      [Reason.BALANCE_UNAVAILABLE],
    ],
    [
      'no legal name in the profile',
      { hasLegalName: false, answers: { ...healthy, identity: fulfilled(undefined) } },
      [Reason.PROFILE_INCOMPLETE],
    ],
    ['a legal name below the threshold', { answers: { ...healthy, identity: identity(69) } }, [Reason.IDENTITY_MISMATCH]],
    ['an unscored legal name', { answers: { ...healthy, identity: identity(null) } }, [Reason.IDENTITY_MISMATCH]],
    [
      'a failed identity match',
      { answers: { ...healthy, identity: rejected(plaidFailure(PlaidErrorType.ApiError, 'INTERNAL_SERVER_ERROR')) } },
      [Reason.IDENTITY_MISMATCH],
    ],
    [
      'a login broken during the checks',
      {
        answers: {
          ach: rejected(plaidFailure(PlaidErrorType.ItemError, 'ITEM_LOGIN_REQUIRED')),
          balance: rejected(plaidFailure(PlaidErrorType.ItemError, 'ITEM_LOGIN_REQUIRED')),
          identity: identity(95),
        },
      },
      [Reason.ITEM_LOGIN_REQUIRED, Reason.NO_ACH_NUMBERS, Reason.BALANCE_UNAVAILABLE],
    ],
    [
      'several failures at once',
      { account: { ...checking, subtype: 'cd' }, amount: new Decimal('1000'), answers: { ...healthy, identity: identity(10) } },
      [Reason.ACCOUNT_NOT_ELIGIBLE, Reason.INSUFFICIENT_FUNDS, Reason.IDENTITY_MISMATCH],
    ],
  ])('%s', (_case, overrides, reasons) => {
    const decision = decideTransfer(facts(overrides));
    expect(decision.reasons).toEqual(reasons);
    expect(decision.approved).toBe(reasons.length === 0);
  });

  it('records what it saw: the ACH mask, the balance, the scores and each check', () => {
    expect(decideTransfer(facts())).toEqual({
      accountId: 'acc-1',
      plaidAccountId: PLAID_ACCOUNT,
      requestedAmount: '100.00',
      isoCurrencyCode: 'USD',
      approved: true,
      reasons: [],
      availableBalance: '200',
      legalNameScore: 95,
      phoneNumberScore: 70,
      emailAddressScore: null,
      addressScore: 90,
      achAccountMask: '0000',
      checks: {
        eligibility: { passed: true, detail: 'depository/checking' },
        item: { passed: true, detail: 'ACTIVE' },
        ach: { passed: true, detail: 'present' },
        balance: { passed: true, detail: 'available' },
        identity: { passed: true, detail: 'legal name 95 (threshold 70)' },
      },
    });
  });

  it('checks nothing at Plaid for an Item that is not active', () => {
    const { checks, achAccountMask, availableBalance } = decideTransfer(
      facts({ itemStatus: ItemStatus.PENDING_DISCONNECT, answers: undefined }),
    );
    expect(checks).toEqual({
      eligibility: { passed: true, detail: 'depository/checking' },
      item: { passed: false, detail: 'PENDING_DISCONNECT' },
      ach: { passed: null, detail: 'not checked: the Item is not active' },
      balance: { passed: null, detail: 'not checked: the Item is not active' },
      identity: { passed: null, detail: 'not checked: the Item is not active' },
    });
    expect({ achAccountMask, availableBalance }).toEqual({ achAccountMask: null, availableBalance: null });
  });

  it.each([
    [
      'a rate limit, with a retry hint',
      plaidFailure(PlaidErrorType.RateLimitExceeded, 'RATE_LIMIT_EXCEEDED'),
      { passed: false, detail: 'RATE_LIMIT_EXCEEDED', retryAfterSeconds: 60 },
    ],
    ['an outage', plaidFailure(PlaidErrorType.InstitutionError, 'INSTITUTION_DOWN'), { passed: false, detail: 'INSTITUTION_DOWN' }],
    [
      'a timeout',
      PlaidApiError.from('accountsBalanceGet', new AxiosError('timeout', 'ECONNABORTED')),
      { passed: false, detail: 'timeout' },
    ],
    ['something else', new Error('boom'), { passed: false, detail: 'error' }],
  ])("names a failed balance read's cause: %s", (_case, reason, check) => {
    expect(decideTransfer(facts({ answers: { ...healthy, balance: rejected(reason) } })).checks.balance).toEqual(check);
  });
});
