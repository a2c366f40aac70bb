import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE } from '../services/transaction-query.service';
import { TransactionFilter } from './transaction-filter.input';

/** The arguments of every transactions field: Query.transactions, Item.transactions, Account.transactions. */
@ArgsType()
export class TransactionPageArgs {
  @Field(() => TransactionFilter, { nullable: true })
  filter?: TransactionFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
