import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../errors/domain-error';
import { Account } from '../schema/account.type';
import { AccountType } from '../schema/enums';
import { Item } from '../schema/item.type';
import { TransactionConnection } from '../schema/transaction-connection.type';
import { TransactionPageArgs } from '../schema/transaction-page.args';
import type { GraphQLContext } from '../context/graphql-context';
import type { Services } from '../services/services';
import { toAccount } from './account-mapping';
import { CallerId } from './caller-id.decorator';
import { toItem } from './item-mapping';
import { toConnection } from './transaction-mapping';
import { transactionPageRequest } from './transaction-page-request';

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [Account])
  async accounts(
    @Arg('itemId', () => ID, { nullable: true }) itemId: string | null,
    @Arg('type', () => AccountType, { nullable: true }) type: AccountType | null,
    @CallerId() userId: string,
  ): Promise<Account[]> {
    return (await this.services.accounts.list(userId, { itemId, type })).map(toAccount);
  }

  @Authorized()
  @Query(() => Account, { nullable: true })
  async account(@Arg('id', () => ID) id: string, @CallerId() userId: string): Promise<Account | null> {
    const account = await this.services.accounts.find(userId, id);
    return account ? toAccount(account) : null;
  }

  @FieldResolver(() => Item)
  async item(@Root() account: Account, @Ctx() context: GraphQLContext): Promise<Item> {
    const item = await context.loaders.itemById.load(account.itemId);
    // Only if the Item was removed while this request ran.
    if (!item) throw notFound('Item', account.itemId);
    return toItem(item);
  }

  @FieldResolver(() => TransactionConnection)
  async transactions(
    @Root() account: Account,
    @Args(() => TransactionPageArgs) args: TransactionPageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TransactionConnection> {
    return toConnection(await context.loaders.transactionPages.load(transactionPageRequest(info, 'account', account.id, args)));
  }
}
