import type { AddressData, IdentityMatchUser } from 'plaid';
import type { Logger } from 'pino';
import type { DataSource, Repository } from 'typeorm';
import type { AccountEntity } from '../entities/account.entity';
import { ItemStatus } from '../entities/item-status';
import { TransferDeclineReason } from '../entities/transfer-decline-reason';
import type { ItemEntity } from '../entities/item.entity';
import { TransferValidationEntity } from '../entities/transfer-validation.entity';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import { badUserInput, notFound } from '../errors/domain-error';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { isRateLimited } from '../plaid/retry-policy';
import type { AccessTokenVault } from './access-token-vault';
import type { AccountService } from './account.service';
import type { ItemStatusService } from './item-status.service';
import type { ItemService } from './item.service';
import { loginRequiredChange } from './login-required';
import type { ProfileService } from './profile.service';

export interface TransferRequest {
  accountId: string;
  amount: number;
  idempotencyKey?: string | null;
}

const ELIGIBLE_SUBTYPES = new Set(['checking', 'savings']);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,255}$/;
const MAX_AMOUNT = 1_000_000_000;
/** Plaid's real-time balance limit is counted per minute. */
const BALANCE_RETRY_SECONDS = 60;

type CheckOutcome = { passed: boolean | null; detail?: string; [extra: string]: unknown };

/**
 * Decides, on the server, whether an ACH debit may go ahead: a healthy Item, an eligible
 * depository account with ACH numbers, a real-time balance that covers the amount (never a
 * cached one), and an account owner who matches the user's profile. Every check runs and
 * every failing one is reported; the decision is recorded for audit with the ACH number's
 * last four digits only.
 */
export class TransferValidationService {
  private readonly validations: Repository<TransferValidationEntity>;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      plaid: PlaidClient;
      vault: AccessTokenVault;
      items: ItemService;
      accounts: AccountService;
      itemStatus: ItemStatusService;
      profiles: ProfileService;
      identityThreshold: number;
      logger: Logger;
    },
  ) {
    this.validations = deps.dataSource.getRepository(TransferValidationEntity);
  }

  /** Decides and records; a key used before returns the recorded decision without asking Plaid again. */
  async validate(userId: string, request: TransferRequest): Promise<TransferValidationEntity> {
    const amount = checkedAmount(request.amount);
    const key = request.idempotencyKey ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw badUserInput('idempotencyKey must be 1-255 letters, digits, _ . : or -', 'idempotencyKey');
    const [account] = await this.deps.accounts.findMany(userId, [request.accountId]);
    if (!account) throw notFound('Account', request.accountId);

    if (key !== null) {
      const recorded = await this.validations.findOneBy({ userId, idempotencyKey: key });
      if (recorded) return this.replay(recorded, account, amount);
    }
    const item = await this.deps.items.get(userId, account.itemId);
    const decision = await this.decide(userId, item, account, amount);
    try {
      return await this.validations.save(this.validations.create({ userId, idempotencyKey: key, ...decision }));
    } catch (error) {
      // The same key sent twice at once: the first one recorded wins, as a replay would.
      const recorded = key !== null ? await this.validations.findOneBy({ userId, idempotencyKey: key }) : null;
      if (recorded) return this.replay(recorded, account, amount);
      throw error;
    }
  }

  private replay(recorded: TransferValidationEntity, account: AccountEntity, amount: number): TransferValidationEntity {
    if (recorded.accountId !== account.id || Number(recorded.requestedAmount) !== amount) {
      throw badUserInput('idempotencyKey was already used for another account or amount', 'idempotencyKey');
    }
    return recorded;
  }

  private async decide(userId: string, item: ItemEntity, account: AccountEntity, amount: number): Promise<Partial<TransferValidationEntity>> {
    const reasons = new Set<TransferDeclineReason>();
    const checks: Record<string, CheckOutcome> = {};
    const eligible = account.type === 'depository' && account.subtype !== null && ELIGIBLE_SUBTYPES.has(account.subtype);
    checks.eligibility = { passed: eligible, detail: `${account.type}/${account.subtype ?? 'unknown'}` };
    if (!eligible) reasons.add(TransferDeclineReason.ACCOUNT_NOT_ELIGIBLE);

    const [profile] = await this.deps.profiles.findByUserIds([userId]);
    let achAccountMask: string | null = null;
    let availableBalance: number | null = null;
    let scores: { legalName: number | null; phoneNumber: number | null; emailAddress: number | null; address: number | null } = {
      legalName: null,
      phoneNumber: null,
      emailAddress: null,
      address: null,
    };

    if (item.status !== ItemStatus.ACTIVE) {
      // Plaid would refuse every call for this Item; nothing it says now can be trusted or read.
      reasons.add(item.status === ItemStatus.LOGIN_REQUIRED ? TransferDeclineReason.ITEM_LOGIN_REQUIRED : TransferDeclineReason.ITEM_NOT_ACTIVE);
      reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
      checks.item = { passed: false, detail: item.status };
      for (const name of ['ach', 'balance', 'identity']) checks[name] = { passed: null, detail: 'not checked: the Item is not active' };
    } else {
      checks.item = { passed: true, detail: item.status };
      const accessToken = this.deps.vault.open(item);
      const loginRequired = (error: unknown) => error instanceof PlaidApiError && error.errorCode === 'ITEM_LOGIN_REQUIRED';
      const [ach, balance, identity] = await Promise.allSettled([
        this.deps.plaid.call('authGet', { access_token: accessToken, options: { account_ids: [account.plaidAccountId] } }),
        this.deps.plaid.call('accountsBalanceGet', { access_token: accessToken, options: { account_ids: [account.plaidAccountId] } }, { retryRateLimits: false }),
        profile?.legalName
          ? this.deps.plaid.call('identityMatch', { access_token: accessToken, user: identityOf(profile), options: { account_ids: [account.plaidAccountId] } })
          : Promise.resolve(undefined),
      ]);
      const failure = [ach, balance, identity].find((result) => result.status === 'rejected' && loginRequired(result.reason));
      if (failure?.status === 'rejected') {
        reasons.add(TransferDeclineReason.ITEM_LOGIN_REQUIRED);
        await this.deps.itemStatus.apply(item.id, loginRequiredChange(failure.reason as PlaidApiError));
      }

      const numbers = ach.status === 'fulfilled' ? ach.value.numbers.ach.find((entry) => entry.account_id === account.plaidAccountId) : undefined;
      achAccountMask = numbers ? numbers.account.slice(-4) : null;
      checks.ach = { passed: Boolean(numbers), detail: ach.status === 'rejected' ? plaidCode(ach.reason) : numbers ? 'present' : 'none' };
      if (!numbers) reasons.add(TransferDeclineReason.NO_ACH_NUMBERS);

      if (balance.status === 'fulfilled') {
        const figures = balance.value.accounts.find((entry) => entry.account_id === account.plaidAccountId)?.balances;
        availableBalance = figures ? (figures.available ?? figures.current ?? null) : null;
        checks.balance = { passed: availableBalance !== null && availableBalance >= amount, detail: figures?.available !== null && figures?.available !== undefined ? 'available' : 'current' };
        if (availableBalance === null) reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
        else if (availableBalance < amount) reasons.add(TransferDeclineReason.INSUFFICIENT_FUNDS);
      } else {
        const limited = balance.reason instanceof PlaidApiError && isRateLimited(balance.reason);
        checks.balance = { passed: false, detail: plaidCode(balance.reason), ...(limited ? { retryAfterSeconds: BALANCE_RETRY_SECONDS } : {}) };
        reasons.add(TransferDeclineReason.BALANCE_UNAVAILABLE);
      }

      if (!profile?.legalName) {
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
        const passed = scores.legalName !== null && scores.legalName >= this.deps.identityThreshold;
        checks.identity = { passed, detail: `legal name ${scores.legalName ?? 'unscored'} (threshold ${this.deps.identityThreshold})` };
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
      requestedAmount: amount.toFixed(2),
      isoCurrencyCode: account.isoCurrencyCode,
      approved: reasons.size === 0,
      reasons: [...reasons],
      availableBalance: availableBalance === null ? null : String(availableBalance),
      legalNameScore: scores.legalName,
      phoneNumberScore: scores.phoneNumber,
      emailAddressScore: scores.emailAddress,
      addressScore: scores.address,
      achAccountMask,
      checks,
    };
  }
}

function checkedAmount(amount: number): number {
  if (!Number.isFinite(amount) || amount <= 0) throw badUserInput('amount must be a positive number', 'amount');
  if (amount > MAX_AMOUNT) throw badUserInput(`amount must be at most ${MAX_AMOUNT}`, 'amount');
  if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) throw badUserInput('amount must have at most two decimals', 'amount');
  return Math.round(amount * 100) / 100;
}

function identityOf(profile: UserProfileEntity): IdentityMatchUser {
  const address: AddressData | null =
    profile.addressStreet && profile.addressCity && profile.addressCountry
      ? { street: profile.addressStreet, city: profile.addressCity, region: profile.addressRegion, postal_code: profile.addressPostalCode, country: profile.addressCountry }
      : null;
  return {
    legal_name: profile.legalName,
    ...(profile.phoneNumber ? { phone_number: profile.phoneNumber } : {}),
    ...(profile.email ? { email_address: profile.email } : {}),
    ...(address ? { address } : {}),
  };
}

function plaidCode(error: unknown): string {
  return error instanceof PlaidApiError ? (error.errorCode ?? error.kind) : 'error';
}
