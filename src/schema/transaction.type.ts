import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Money } from './money.type';
import { DateScalar } from './scalars';

@ObjectType({ simpleResolvers: true })
export class Transaction {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  plaidTransactionId!: string;

  /** Resolved by the Transaction.account field resolver through a DataLoader. */
  accountId!: string;

  @Field(() => Float, { deprecationReason: 'Use money' })
  amount!: number;

  @Field(() => Money, { description: 'The exact amount: positive is money out of the account, negative money in.' })
  money!: Money;

  @Field(() => String, { nullable: true })
  isoCurrencyCode!: string | null;

  @Field(() => String, { nullable: true })
  unofficialCurrencyCode!: string | null;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => DateScalar, { nullable: true })
  authorizedDate!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  merchantName!: string | null;

  @Field(() => String, { nullable: true, description: 'Plaid personal_finance_category.primary, e.g. FOOD_AND_DRINK.' })
  category!: string | null;

  @Field(() => String, { nullable: true, description: 'Plaid personal_finance_category.detailed.' })
  categoryDetailed!: string | null;

  @Field(() => Boolean)
  pending!: boolean;

  @Field(() => String, { nullable: true, description: 'For a posted transaction: the Plaid id of the pending one it replaced.' })
  pendingTransactionId!: string | null;

  @Field(() => String, { nullable: true })
  paymentChannel!: string | null;

  @Field(() => String, { nullable: true })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;
}
