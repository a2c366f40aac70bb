import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../errors/domain-error';
import { Account } from '../schema/account.type';
import { TransactionChanges } from '../schema/transaction-changes.type';
import { TransactionConnection } from '../schema/transaction-connection.type';
import { TransactionPageArgs } from '../schema/transaction-page.args';
import { Transaction } from '../schema/transaction.type';
import type { GraphQLContext } from '../context/graphql-context';
import type { Services } from '../services/services';
import { DEFAULT_CHANGE_COUNT, MAX_CHANGE_COUNT } from '../services/transaction-change-feed.service';
import { toAccount } from './account-mapping';
import { CallerId } from './caller-id.decorator';
import { toConnection, toTransaction } from './transaction-mapping';
import { transactionPageRequest } from './transaction-page-request';

@Resolver(() => Transaction)
export class TransactionResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => TransactionConnection, { description: 'Newest first (date, then id). `first` is at most 500.' })
  async transactions(
    @Args(() => TransactionPageArgs) args: TransactionPageArgs,
    @CallerId() userId: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TransactionConnection> {
    return toConnection(await this.services.transactions.page(userId, transactionPageRequest(info, 'user', userId, args)));
  }

  @Authorized()
  @Query(() => Transaction, { nullable: true })
  async transaction(@Arg('id', () => ID) id: string, @CallerId() userId: string): Promise<Transaction | null> {
    const record = await this.services.transactions.find(userId, id);
    return record ? toTransaction(record) : null;
  }

  @Authorized()
  @Query(() => TransactionChanges, {
    description: `What changed in the user's transactions after \`cursor\`, oldest change first: Plaid's
/transactions/sync model, offered to the gateway's own clients (offline-first mobile
apps, local caches). Start without a cursor (everything the user has now, as \`added\`),
apply \`added\`, \`modified\` and \`removed\` to the local store, keep \`nextCursor\`, and ask
again while \`hasMore\`. Each transaction appears at most once per answer, in its latest
state. \`count\` is 1 to ${MAX_CHANGE_COUNT}. A cursor older than the gateway keeps changes for is refused
with CURSOR_EXPIRED: the client then starts over without one.`,
  })
  async transactionChanges(
    @Arg('cursor', () => String, { nullable: true }) cursor: string | null,
    @Arg('count', () => Int, { nullable: true, defaultValue: DEFAULT_CHANGE_COUNT }) count: number,
    @Arg('itemId', () => ID, { nullable: true }) itemId: string | null,
    @CallerId() userId: string,
  ): Promise<TransactionChanges> {
    const page = await this.services.transactionChanges.changes(userId, { cursor, count, itemId });
    return { ...page, added: page.added.map(toTransaction), modified: page.modified.map(toTransaction) };
  }

  @FieldResolver(() => Account)
  async account(@Root() transaction: Transaction, @Ctx() context: GraphQLContext): Promise<Account> {
    const account = await context.loaders.accountById.load(transaction.accountId);
    // Only if the account was removed while this request ran.
    if (!account) throw notFound('Account', transaction.accountId);
    return toAccount(account);
  }
}
