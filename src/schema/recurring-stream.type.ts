import { Field, ID, ObjectType } from 'type-graphql';
import { FlowDirection, RecurringFrequency, RecurringStreamStatus } from './enums';
import { Money } from './money.type';
import { DateScalar } from './scalars';

@ObjectType({
  description: `A series of transactions that repeats (a salary, a subscription, rent), as Plaid's
/transactions/recurring/get reports it; kept by the gateway and refreshed when Plaid says it
changed (webhook RECURRING_TRANSACTIONS_UPDATE) or after a sync.`,
  simpleResolvers: true,
})
export class RecurringStream {
  @Field(() => ID)
  id!: string;

  /** Resolved by the RecurringStream.account field resolver through a DataLoader. */
  accountId!: string;

  @Field(() => FlowDirection)
  direction!: FlowDirection;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  merchantName!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => RecurringFrequency)
  frequency!: RecurringFrequency;

  @Field(() => RecurringStreamStatus)
  status!: RecurringStreamStatus;

  @Field(() => Boolean)
  isActive!: boolean;

  @Field(() => Money)
  averageAmount!: Money;

  @Field(() => Money)
  lastAmount!: Money;

  @Field(() => DateScalar)
  firstDate!: string;

  @Field(() => DateScalar)
  lastDate!: string;

  @Field(() => DateScalar, { nullable: true })
  predictedNextDate!: string | null;
}
