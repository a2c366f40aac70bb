import type { AddressData, IdentityMatchUser } from 'plaid';
import type { AccountEntity } from '../entities/account.entity';
import { ItemStatus } from '../entities/item-status';
import type { ItemEntity } from '../entities/item.entity';
import type { TransferValidationEntity } from '../entities/transfer-validation.entity';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import { badUserInput, notFound } from '../errors/domain-error';
import type { ItemPlaid } from '../plaid/item-plaid';
import type { PlaidApiError } from '../plaid/plaid-api-error';
import type { TransferValidationRepository } from '../repositories/transfer-validation.repository';
import type { AccountService } from './account.service';
import type { ItemService } from './item.service';
import type { ProfileService } from './profile.service';
import { Decimal, exactAmount, minorUnitDigits } from './exact-amount';
import { decideTransfer, type TransferDecision } from './transfer-decision';

export interface TransferRequest {
  accountId: string;
  /** Deprecated float form; exactly one of amount and exactAmount is given. */
  amount?: number | null;
  /** Decimal text, already checked by the Decimal scalar. */
  exactAmount?: string | null;
  idempotencyKey?: string | null;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,255}$/;

export interface TransferValidationServiceDependencies {
  itemPlaid: ItemPlaid;
  items: ItemService;
  accounts: AccountService;
  profiles: ProfileService;
  validations: TransferValidationRepository;
  identityThreshold: number;
  /** Whole units of the account's currency. */
  maxAmount: number;
}

/**
 * Decides, on the server, whether an ACH debit may go ahead: a healthy Item, an eligible
 * depository account with ACH numbers, a real-time balance that covers the amount (never a
 * cached one), and an account owner who matches the user's profile. Every check runs and
 * every failing one is reported; the decision is recorded for audit with the ACH number's
 * last four digits only.
 */
export class TransferValidationService {
  constructor(private readonly deps: TransferValidationServiceDependencies) {}

  /** Decides and records; a key used before returns the recorded decision without asking Plaid again. */
  async validate(userId: string, request: TransferRequest): Promise<TransferValidationEntity> {
    const { amount, field } = requestedAmount(request, this.deps.maxAmount);
    const key = request.idempotencyKey ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key))
      throw badUserInput('idempotencyKey must be 1-255 letters, digits, _ . : or -', 'idempotencyKey');
    const [account] = await this.deps.accounts.findMany(userId, [request.accountId]);
    if (!account) throw notFound('Account', request.accountId);
    const digits = minorUnitDigits(account.isoCurrencyCode);
    if (amount.decimalPlaces() > digits) {
      throw badUserInput(`${field} must have at most ${digits} decimals in ${account.isoCurrencyCode ?? 'this currency'}`, field);
    }

    if (key !== null) {
      const recorded = await this.deps.validations.findByIdempotencyKey(userId, key);
      if (recorded) return this.replay(recorded, account, amount);
    }
    const item = await this.deps.items.get(userId, account.itemId);
    const decision = await this.decide(userId, item, account, amount);
    try {
      return await this.deps.validations.insert({ userId, idempotencyKey: key, ...decision });
    } catch (error) {
      // The same key sent twice at once: the first one recorded wins, as a replay would.
      const recorded = key !== null ? await this.deps.validations.findByIdempotencyKey(userId, key) : null;
      if (recorded) return this.replay(recorded, account, amount);
      throw error;
    }
  }

  private replay(recorded: TransferValidationEntity, account: AccountEntity, amount: Decimal): TransferValidationEntity {
    if (recorded.accountId !== account.id || !new Decimal(recorded.requestedAmount).eq(amount)) {
      throw badUserInput('idempotencyKey was already used for another account or amount', 'idempotencyKey');
    }
    return recorded;
  }

  private async decide(userId: string, item: ItemEntity, account: AccountEntity, amount: Decimal): Promise<TransferDecision> {
    const [profile] = await this.deps.profiles.findByUserIds([userId]);
    const facts = {
      account,
      amount,
      itemStatus: item.status,
      hasLegalName: Boolean(profile?.legalName),
      identityThreshold: this.deps.identityThreshold,
    };
    if (item.status !== ItemStatus.ACTIVE) return decideTransfer(facts);
    // The decision reads Plaid's own codes into its checks, so each failure stays Plaid's error (the door still records a broken login).
    const asIs = { readError: (error: PlaidApiError) => error };
    const accountIds = [account.plaidAccountId];
    const [ach, balance, identity] = await Promise.allSettled([
      this.deps.itemPlaid.call(item, 'authGet', { options: { account_ids: accountIds } }, asIs),
      this.deps.itemPlaid.call(item, 'accountsBalanceGet', { options: { account_ids: accountIds } }, { ...asIs, retryRateLimits: false }),
      profile?.legalName
        ? this.deps.itemPlaid.call(item, 'identityMatch', { user: identityOf(profile), options: { account_ids: accountIds } }, asIs)
        : Promise.resolve(undefined),
    ]);
    return decideTransfer({ ...facts, answers: { ach, balance, identity } });
  }
}

/**
 * The one amount given, exact, positive and bounded; its decimals are checked against the
 * account's currency once the account is known. amount 12.5 and exactAmount "12.5" are the
 * same Decimal, so an idempotency key treats them alike.
 */
function requestedAmount(request: TransferRequest, maxAmount: number): { amount: Decimal; field: 'amount' | 'exactAmount' } {
  const { amount, exactAmount: exact } = request;
  if ((amount == null) === (exact == null)) throw badUserInput('Give exactly one of amount and exactAmount', 'exactAmount');
  const field = exact != null ? 'exactAmount' : 'amount';
  const value = exact != null ? new Decimal(exact) : amount != null && Number.isFinite(amount) ? exactAmount(amount) : null;
  if (value === null || !value.gt(0)) throw badUserInput(`${field} must be a positive number`, field);
  if (value.gt(maxAmount)) throw badUserInput(`${field} must be at most ${maxAmount}`, field);
  return { amount: value, field };
}

function identityOf(profile: UserProfileEntity): IdentityMatchUser {
  const address: AddressData | null =
    profile.addressStreet && profile.addressCity && profile.addressCountry
      ? {
          street: profile.addressStreet,
          city: profile.addressCity,
          region: profile.addressRegion,
          postal_code: profile.addressPostalCode,
          country: profile.addressCountry,
        }
      : null;
  return {
    legal_name: profile.legalName,
    ...(profile.phoneNumber ? { phone_number: profile.phoneNumber } : {}),
    ...(profile.email ? { email_address: profile.email } : {}),
    ...(address ? { address } : {}),
  };
}
