import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../schema/account.type';
import { ItemStatus } from '../schema/enums';
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

@Resolver(() => Item)
export class ItemResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [Item], { description: "The user's linked Items (one Item = one login at one institution)." })
  async items(@Arg('status', () => ItemStatus, { nullable: true }) status: ItemStatus | null, @CallerId() userId: string): Promise<Item[]> {
    return (await this.services.items.list(userId, status)).map(toItem);
  }

  @Authorized()
  @Query(() => Item, { nullable: true })
  async item(@Arg('id', () => ID) id: string, @CallerId() userId: string): Promise<Item | null> {
    const item = await this.services.items.find(userId, id);
    return item ? toItem(item) : null;
  }

  @FieldResolver(() => [Account])
  async accounts(@Root() item: Item, @Ctx() context: GraphQLContext): Promise<Account[]> {
    return (await context.loaders.accountsByItemId.load(item.id)).map(toAccount);
  }

  @FieldResolver(() => TransactionConnection)
  async transactions(
    @Root() item: Item,
    @Args(() => TransactionPageArgs) args: TransactionPageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TransactionConnection> {
    return toConnection(await context.loaders.transactionPages.load(transactionPageRequest(info, 'item', item.id, args)));
  }
}
