import { ArgsType, Field, Int } from 'type-graphql';
import { TransactionFilter } from './transaction-filter.input';

/** The arguments of every transactions field: Query.transactions, Item.transactions, Account.transactions. */
@ArgsType()
export class TransactionPageArgs {
  @Field(() => TransactionFilter, { nullable: true })
  filter?: TransactionFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
