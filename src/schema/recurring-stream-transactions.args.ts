import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE } from '../services/transaction-query.service';

/** RecurringStream.transactions: a page of the transactions the stream names, with no filter of its own. */
@ArgsType()
export class RecurringStreamTransactionsArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
