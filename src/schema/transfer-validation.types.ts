import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TransferDeclineReason } from './enums';

@InputType()
export class ValidateTransferInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Float, { description: "In the account's currency; must be positive." })
  amount!: number;

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

  @Field(() => Float)
  requestedAmount!: number;

  @Field(() => Float, { nullable: true })
  availableBalance!: number | null;

  @Field(() => String, { nullable: true })
  isoCurrencyCode!: string | null;

  @Field(() => IdentityMatchScores, { nullable: true })
  identityMatch!: IdentityMatchScores | null;

  @Field(() => String, { nullable: true, description: 'Last four digits of the ACH account number.' })
  achAccountMask!: string | null;

  @Field(() => Date)
  checkedAt!: Date;
}
