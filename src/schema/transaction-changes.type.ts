import { Field, ID, ObjectType } from 'type-graphql';
import { Transaction } from './transaction.type';

@ObjectType()
export class RemovedTransaction {
  @Field(() => ID, { description: 'The gateway id the transaction had.' })
  id!: string;

  @Field(() => String)
  plaidTransactionId!: string;
}

@ObjectType()
export class TransactionChanges {
  @Field(() => [Transaction])
  added!: Transaction[];

  @Field(() => [Transaction])
  modified!: Transaction[];

  @Field(() => [RemovedTransaction])
  removed!: RemovedTransaction[];

  @Field(() => String, { description: 'Pass it as `cursor` next time, whether or not anything changed.' })
  nextCursor!: string;

  @Field(() => Boolean)
  hasMore!: boolean;
}
