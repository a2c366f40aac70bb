import { Field, Int, ObjectType } from 'type-graphql';
import { ItemStatus, TransactionsUpdateStatus } from './enums';
import { Item } from './item.type';

@ObjectType()
export class ItemStatusEvent {
  @Field(() => Item)
  item!: Item;

  @Field(() => ItemStatus, { nullable: true })
  previousStatus!: ItemStatus | null;

  @Field(() => ItemStatus)
  status!: ItemStatus;

  @Field(() => String, {
    nullable: true,
    description: 'The webhook or error code behind the change, e.g. ITEM_LOGIN_REQUIRED or LOGIN_REPAIRED.',
  })
  reason!: string | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: "Where this event stands in the user's event stream: pass it as `after` to resume." })
  cursor!: string;

  @Field(() => Int, {
    description:
      "This event's position in the user's stream, which orders the user's events and changes alike: a later event has a higher one. The same number is inside `cursor`.",
  })
  sequence!: number;
}

@ObjectType()
export class TransactionsSyncedEvent {
  @Field(() => Item)
  item!: Item;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  modified!: number;

  @Field(() => Int)
  removed!: number;

  @Field(() => TransactionsUpdateStatus, { nullable: true })
  transactionsUpdateStatus!: TransactionsUpdateStatus | null;

  @Field(() => Date)
  syncedAt!: Date;

  @Field(() => String, { description: "Where this event stands in the user's event stream: pass it as `after` to resume." })
  cursor!: string;

  @Field(() => Int, {
    description:
      "This event's position in the user's stream, which orders the user's events and changes alike: a later event has a higher one. The same number is inside `cursor`.",
  })
  sequence!: number;
}
