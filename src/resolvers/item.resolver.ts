import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ItemStatus } from '../schema/enums';
import { Item } from '../schema/item.type';
import { callerId, type GraphQLContext } from '../server/graphql-context';
import type { Services } from '../services/services';
import { toItem } from './item-mapping';

@Resolver(() => Item)
export class ItemResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [Item], { description: "The user's linked Items (one Item = one login at one institution)." })
  async items(@Arg('status', () => ItemStatus, { nullable: true }) status: ItemStatus | null, @Ctx() context: GraphQLContext): Promise<Item[]> {
    return (await this.services.items.list(callerId(context), status)).map(toItem);
  }

  @Query(() => Item, { nullable: true })
  async item(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Item | null> {
    const item = await this.services.items.find(callerId(context), id);
    return item ? toItem(item) : null;
  }
}
