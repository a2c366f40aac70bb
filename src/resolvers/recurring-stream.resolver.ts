import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../errors/domain-error';
import { Account } from '../schema/account.type';
import { FlowDirection } from '../schema/enums';
import { RecurringStream } from '../schema/recurring-stream.type';
import { RecurringStreamTransactionsArgs } from '../schema/recurring-stream-transactions.args';
import { TransactionConnection } from '../schema/transaction-connection.type';
import type { GraphQLContext } from '../context/graphql-context';
import type { Services } from '../services/services';
import { toAccount } from './account-mapping';
import { CallerId } from './caller-id.decorator';
import { toRecurringStream } from './recurring-stream-mapping';
import { toConnection } from './transaction-mapping';
import { transactionPageRequest } from './transaction-page-request';

@Resolver(() => RecurringStream)
export class RecurringStreamResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [RecurringStream], { description: "The user's recurring streams, active ones first." })
  async recurringStreams(
    @Arg('itemId', () => ID, { nullable: true }) itemId: string | null,
    @Arg('accountIds', () => [ID], { nullable: true }) accountIds: string[] | null,
    @Arg('direction', () => FlowDirection, { nullable: true }) direction: FlowDirection | null,
    @CallerId() userId: string,
  ): Promise<RecurringStream[]> {
    return (await this.services.recurringStreams.list(userId, { itemId, accountIds, direction })).map(toRecurringStream);
  }

  @FieldResolver(() => Account)
  async account(@Root() stream: RecurringStream, @Ctx() context: GraphQLContext): Promise<Account> {
    const account = await context.loaders.accountById.load(stream.accountId);
    // Only if the account was removed while this request ran.
    if (!account) throw notFound('Account', stream.accountId);
    return toAccount(account);
  }

  @FieldResolver(() => TransactionConnection, { description: "The stream's transactions, newest first." })
  async transactions(
    @Root() stream: RecurringStream,
    @Args(() => RecurringStreamTransactionsArgs) args: RecurringStreamTransactionsArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TransactionConnection> {
    return toConnection(await context.loaders.transactionPages.load(transactionPageRequest(info, 'recurringStream', stream.id, args)));
  }
}
