import { Field, Int, ObjectType } from 'type-graphql';
import { Transaction } from './transaction.type';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class TransactionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Transaction)
  node!: Transaction;
}

@ObjectType({ simpleResolvers: true })
export class TransactionConnection {
  @Field(() => [TransactionEdge])
  edges!: TransactionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counted only when the operation selects it (see TransactionPageRequest.withTotalCount). */
  @Field(() => Int)
  totalCount?: number;
}
