import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { TransferValidationEntity } from '../entities/transfer-validation.entity';
import { notFound } from '../errors/domain-error';
import { moneyOf } from '../money/money';
import { Account } from '../schema/account.type';
import type { TransferDeclineReason } from '../schema/enums';
import { TransferValidation, ValidateTransferInput } from '../schema/transfer-validation.types';
import type { GraphQLContext } from '../context/graphql-context';
import type { Services } from '../services/services';
import { toAccount } from './account-mapping';
import { CallerId } from './caller-id.decorator';
import { CallsPlaid } from './calls-plaid';

@Resolver(() => TransferValidation)
export class TransferValidationResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @CallsPlaid()
  @Mutation(() => TransferValidation, {
    description:
      "Decides whether an ACH debit of `amount` from the account can go ahead: the Item is healthy,\nthe account is an eligible depository account with ACH numbers, the real-time available balance\ncovers the amount, and the account owner's identity matches the user's profile.\nThe decision is recorded for audit. Full account numbers are never returned.",
  })
  async validateTransfer(
    @Arg('input', () => ValidateTransferInput) input: ValidateTransferInput,
    @CallerId() userId: string,
  ): Promise<TransferValidation> {
    return toTransferValidation(await this.services.transfers.validate(userId, input));
  }

  @FieldResolver(() => Account)
  async account(@Root() validation: TransferValidation, @Ctx() context: GraphQLContext): Promise<Account> {
    const account = await context.loaders.accountById.load(validation.accountId);
    if (!account) throw notFound('Account', validation.accountId);
    return toAccount(account);
  }
}

function toTransferValidation(entity: TransferValidationEntity): TransferValidation {
  const scores = {
    legalName: entity.legalNameScore,
    phoneNumber: entity.phoneNumberScore,
    emailAddress: entity.emailAddressScore,
    address: entity.addressScore,
  };
  return {
    id: entity.id,
    approved: entity.approved,
    reasons: entity.reasons as TransferDeclineReason[],
    accountId: entity.accountId ?? '',
    // The deprecated Float fields only; the Money fields keep the recorded numeric text.
    requestedAmount: Number(entity.requestedAmount),
    availableBalance: entity.availableBalance === null ? null : Number(entity.availableBalance),
    // The record keeps the account's ISO code only: transfers are checked against depository accounts in ISO currencies.
    requestedMoney: moneyOf(entity.requestedAmount, entity.isoCurrencyCode, null),
    availableBalanceMoney: moneyOf(entity.availableBalance, entity.isoCurrencyCode, null),
    isoCurrencyCode: entity.isoCurrencyCode,
    identityMatch: Object.values(scores).some((score) => score !== null) ? scores : null,
    achAccountMask: entity.achAccountMask,
    checkedAt: entity.checkedAt,
  };
}
