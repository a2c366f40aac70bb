import type { AccountsGetResponse, AuthGetResponse, IdentityMatchResponse } from 'plaid';
import type { AccountEntity } from '../entities/account.entity';
import { ItemStatus } from '../entities/item-status';
import { TransferDeclineReason } from '../entities/transfer-decline-reason';
import type { TransferValidationEntity } from '../entities/transfer-validation.entity';
import { PlaidApiError } from '../plaid/plaid-api-error';
import { isRateLimited } from '../plaid/plaid-error-mapping';
import { exactAmount, minorUnitDigits, type Decimal } from './exact-amount';

/** What Plaid answered for the account, each call settled on its own (a failure is Plaid's error). */
export interface PlaidAnswers {
  ach: PromiseSettledResult<AuthGetResponse>;
  balance: PromiseSettledResult<AccountsGetResponse>;
  /** Undefined (fulfilled) when the profile has no legal name to match. */
  identity: PromiseSettledResult<IdentityMatchResponse | undefined>;
}

export interface TransferFacts {
  account: Pick<AccountEntity, 'id' | 'plaidAccountId' | 'type' | 'subtype' | 'isoCurrencyCode'>;
  /** Exact, with no more decimals than the account's currency has. */
  amount: Decimal;
  itemStatus: ItemStatus;
  hasLegalName: boolean;
  identityThreshold: number;
  /** Asked only of an active Item. */
  answers?: PlaidAnswers;
}

export type TransferDecision = Pick<
  TransferValidationEntity,
  | 'accountId'
  | 'plaidAccountId'
  | 'requestedAmount'
  | 'isoCurrencyCode'
  | 'approved'
  | 'reasons'
  | 'availableBalance'
  | 'legalNameScore'
  | 'phoneNumberScore'
  | 'emailAddressScore'
  | 'addressScore'
  | 'achAccountMask'
  | 'checks'
>;

type CheckOutcome = { passed: boolean | null; detail?: string; [extra: string]: unknown };

const ELIGIBLE_SUBTYPES = new Set(['checking', 'savings']);
/** Plaid's real-time balance limit is counted per minute. */
const BALANCE_RETRY_SECONDS = 60;

/**
 * Whether an ACH debit may go ahead: a healthy Item, an eligible depository account with ACH
 * numbers, a real-time balance that covers the amount, and an owner who matches the user's
 * profile. Every check runs and every failing one is reported.
 */
export function decideTransfer({ account, amount, itemStatus, hasLegalName, identityThreshold, answers }: TransferFacts): TransferDecision {
  const reasons = new Set<TransferDeclineReason>();
  const checks: Record<string, CheckOutcome> = {};
  const eligible = account.type === 'depository' && account.subtype !== null && ELIGIBLE_SUBTYPES.has(account.subtype);
  checks.eligibility = { passed: eligible, detail: `${account.type}/${account.subtype ?? 'unknown'}` };
  if (!eligible) reasons.add(TransferDeclineReason.ACCOUNT_NOT_ELIGIBLE);

  let achAccountMask: string | null = null;
  let availableBalance: Decimal | null = null;
  let scores: { legalName: number | null; phoneNumber: number | null; emailAddress: number | null; address: number | null } = {
    legalName: null,
    phoneNumber: null,
    emailAddress: null,
    address: null,
  };

  if (itemStatus !== ItemStatus.ACTIVE || !answers) {
    // Plaid would refuse every call for this Item; nothing it says now can be trusted or read.
    reasons.add(
      itemStatus === ItemStatus.LOGIN_REQUIRED ? TransferDeclineReason.ITEM_LOGIN_REQUIRED : TransferDeclineReason.ITEM_NOT_ACTIVE,
    );
    reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
    checks.item = { passed: false, detail: itemStatus };
    for (const name of ['ach', 'balance', 'identity']) checks[name] = { passed: null, detail: 'not checked: the Item is not active' };
  } else {
    checks.item = { passed: true, detail: itemStatus };
    const { ach, balance, identity } = answers;
    if ([ach, balance, identity].some((result) => result.status === 'rejected' && loginRequired(result.reason)))
      reasons.add(TransferDeclineReason.ITEM_LOGIN_REQUIRED);

    const numbers =
      ach.status === 'fulfilled' ? ach.value.numbers.ach.find((entry) => entry.account_id === account.plaidAccountId) : undefined;
    achAccountMask = numbers ? numbers.account.slice(-4) : null;
    checks.ach = { passed: Boolean(numbers), detail: ach.status === 'rejected' ? plaidCode(ach.reason) : numbers ? 'present' : 'none' };
    if (!numbers) reasons.add(TransferDeclineReason.NO_ACH_NUMBERS);

    if (balance.status === 'fulfilled') {
      const figures = balance.value.accounts.find((entry) => entry.account_id === account.plaidAccountId)?.balances;
      const figure = figures ? (figures.available ?? figures.current ?? null) : null;
      availableBalance = figure === null ? null : exactAmount(figure);
      checks.balance = {
        passed: availableBalance !== null && availableBalance.gte(amount),
        detail: figures?.available !== null && figures?.available !== undefined ? 'available' : 'current',
      };
      if (availableBalance === null) reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
      else if (availableBalance.lt(amount)) reasons.add(TransferDeclineReason.INSUFFICIENT_FUNDS);
    } else {
      const limited = balance.reason instanceof PlaidApiError && isRateLimited(balance.reason);
      checks.balance = {
        passed: false,
        detail: plaidCode(balance.reason),
        ...(limited ? { retryAfterSeconds: BALANCE_RETRY_SECONDS } : {}),
      };
      reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
    }

    if (!hasLegalName) {
      checks.identity = { passed: false, detail: 'no legal name in the profile' };
      reasons.add(TransferDeclineReason.PROFILE_INCOMPLETE);
    } else if (identity.status === 'fulfilled' && identity.value) {
      const matched = identity.value.accounts.find((entry) => entry.account_id === account.plaidAccountId) ?? identity.value.accounts[0];
      scores = {
        legalName: matched?.legal_name?.score ?? null,
        phoneNumber: matched?.phone_number?.score ?? null,
        emailAddress: matched?.email_address?.score ?? null,
        address: matched?.address?.score ?? null,
      };
      const passed = scores.legalName !== null && scores.legalName >= identityThreshold;
      checks.identity = { passed, detail: `legal name ${scores.legalName ?? 'unscored'} (threshold ${identityThreshold})` };
      if (!passed) reasons.add(TransferDeclineReason.IDENTITY_MISMATCH);
    } else {
      // An owner we could not match is not a match.
      checks.identity = { passed: false, detail: identity.status === 'rejected' ? plaidCode(identity.reason) : 'unscored' };
      reasons.add(TransferDeclineReason.IDENTITY_MISMATCH);
    }
  }

  return {
    accountId: account.id,
    plaidAccountId: account.plaidAccountId,
    requestedAmount: amount.toFixed(minorUnitDigits(account.isoCurrencyCode)),
    isoCurrencyCode: account.isoCurrencyCode,
    approved: reasons.size === 0,
    reasons: [...reasons],
    availableBalance: availableBalance === null ? null : availableBalance.toString(),
    legalNameScore: scores.legalName,
    phoneNumberScore: scores.phoneNumber,
    emailAddressScore: scores.emailAddress,
    addressScore: scores.address,
    achAccountMask,
    checks,
  };
}

function loginRequired(error: unknown): boolean {
  return error instanceof PlaidApiError && error.errorCode === 'ITEM_LOGIN_REQUIRED';
}

function plaidCode(error: unknown): string {
  return error instanceof PlaidApiError ? (error.errorCode ?? error.kind) : 'error';
}
