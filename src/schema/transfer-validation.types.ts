import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from './decimal.scalar';
import { TransferDeclineReason } from './enums';
import { Money } from './money.type';

@InputType()
export class ValidateTransferInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Float, {
    nullable: true,
    deprecationReason: 'Use exactAmount',
    // The contract's own description; exactAmount's says that only one of the two is given.
    description: "In the account's currency; must be positive.",
  })
  amount?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "The exact amount in the account's currency; must be positive. Give this or amount, not both.",
  })
  exactAmount?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key returns the same recorded decision instead of deciding again.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class IdentityMatchScores {
  @Field(() => Int, { nullable: true })
  legalName!: number | null;

  @Field(() => Int, { nullable: true })
  phoneNumber!: number | null;

  @Field(() => Int, { nullable: true })
  emailAddress!: number | null;

  @Field(() => Int, { nullable: true })
  address!: number | null;
}

@ObjectType()
export class TransferValidation {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  approved!: boolean;

  @Field(() => [TransferDeclineReason], { description: 'Empty when approved.' })
  reasons!: TransferDeclineReason[];

  /** Resolved by the TransferValidation.account field resolver through a DataLoader. */
  accountId!: string;

  @Field(() => Float, { deprecationReason: 'Use requestedMoney' })
  requestedAmount!: number;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use availableBalanceMoney' })
  availableBalance!: number | null;

  @Field(() => Money)
  requestedMoney!: Money;

  @Field(() => Money, { nullable: true })
  availableBalanceMoney!: Money | null;

  @Field(() => String, { nullable: true })
  isoCurrencyCode!: string | null;

  @Field(() => IdentityMatchScores, { nullable: true })
  identityMatch!: IdentityMatchScores | null;

  @Field(() => String, { nullable: true, description: 'Last four digits of the ACH account number.' })
  achAccountMask!: string | null;

  @Field(() => Date)
  checkedAt!: Date;
}
