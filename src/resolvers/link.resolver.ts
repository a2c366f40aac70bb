import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import { Item } from '../schema/item.type';
import {
  CreateLinkTokenInput,
  ExchangePublicTokenInput,
  LinkToken,
  RelinkInput,
  RemoveItemPayload,
  SyncResult,
} from '../schema/link.types';
import type { Services } from '../services/services';
import { CallerId } from './caller-id.decorator';
import { toItem } from './item-mapping';
import { toPlaidProducts } from './product-mapping';
import { CallsPlaid } from './calls-plaid';

@Resolver()
export class LinkResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @CallsPlaid()
  @Mutation(() => LinkToken, { description: 'Starts Plaid Link for a new Item. Link tokens are single use: never cache them.' })
  createLinkToken(
    @Arg('input', () => CreateLinkTokenInput, { nullable: true }) input: CreateLinkTokenInput | null,
    @CallerId() userId: string,
  ): Promise<LinkToken> {
    return this.services.link.createLinkToken(userId, { ...input, products: toPlaidProducts(input?.products) });
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => Item, {
    description:
      "Exchanges the public_token that Plaid Link returned. Stores the access token encrypted,\nfetches the Item's accounts and starts its first transaction sync.",
  })
  async exchangePublicToken(
    @Arg('input', () => ExchangePublicTokenInput) input: ExchangePublicTokenInput,
    @CallerId() userId: string,
  ): Promise<Item> {
    return toItem(await this.services.link.exchangePublicToken(userId, input));
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => LinkToken, {
    description: 'Starts Link in update mode for an Item that needs the user (login required, new accounts, pending expiration).',
  })
  createRelinkToken(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('input', () => RelinkInput, { nullable: true }) input: RelinkInput | null,
    @CallerId() userId: string,
  ): Promise<LinkToken> {
    return this.services.link.createRelinkToken(userId, itemId, input?.accountSelection === true);
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => Item, {
    description: 'Called after update-mode Link succeeded: the gateway checks the Item with Plaid, marks it ACTIVE and resyncs.',
  })
  async completeRelink(@Arg('itemId', () => ID) itemId: string, @CallerId() userId: string): Promise<Item> {
    return toItem(await this.services.link.completeRelink(userId, itemId));
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => RemoveItemPayload, { description: 'Removes the Item at Plaid and deletes its accounts and transactions here.' })
  async removeItem(@Arg('itemId', () => ID) itemId: string, @CallerId() userId: string): Promise<RemoveItemPayload> {
    const removed = await this.services.link.removeItem(userId, itemId);
    return { itemId: removed.id, removed: true };
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => SyncResult, { description: 'Runs a transaction sync now (webhooks can be missed). Returns when the sync has committed.' })
  async syncItem(@Arg('itemId', () => ID) itemId: string, @CallerId() userId: string): Promise<SyncResult> {
    const item = await this.services.items.get(userId, itemId);
    const outcome = await this.services.sync.syncRequested(item.id);
    return { item: toItem(outcome.item), added: outcome.added, modified: outcome.modified, removed: outcome.removed };
  }
}
