import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context/graphql-context';
import { notFound } from '../errors/domain-error';
import { AnnotateTransactionInput } from '../schema/annotate-transaction.input';
import { TransactionAnnotation } from '../schema/transaction-annotation.type';
import { Transaction } from '../schema/transaction.type';
import type { Services } from '../services/services';
import { CallerId } from './caller-id.decorator';
import { toTransaction } from './transaction-mapping';

/** The user's own layer over a transaction: annotateTransaction, and the fields that read it. */
@Resolver(() => Transaction)
export class TransactionAnnotationResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Mutation(() => Transaction, { description: "Writes the user's own layer over a transaction; Plaid's data is never changed." })
  async annotateTransaction(
    @Arg('input', () => AnnotateTransactionInput) input: AnnotateTransactionInput,
    @CallerId() userId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Transaction> {
    const annotation = await this.services.annotations.annotate(userId, input);
    const record = await this.services.transactions.find(userId, input.transactionId);
    // Only if the transaction went (a sync, a removal) right after the write committed.
    if (!record) throw notFound('Transaction', input.transactionId);
    context.loaders.annotationByTransactionId.clear(record.id).prime(record.id, annotation);
    return toTransaction(record);
  }

  @FieldResolver(() => TransactionAnnotation, { nullable: true, description: "The user's own notes on this transaction, if any." })
  async annotation(@Root() transaction: Transaction, @Ctx() context: GraphQLContext): Promise<TransactionAnnotation | null> {
    return context.loaders.annotationByTransactionId.load(transaction.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The user's category override when there is one, else Plaid's category." })
  async effectiveCategory(@Root() transaction: Transaction, @Ctx() context: GraphQLContext): Promise<string | null> {
    const annotation = await context.loaders.annotationByTransactionId.load(transaction.id);
    return annotation?.categoryOverride ?? transaction.category;
  }
}
