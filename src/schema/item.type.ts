import { Field, ID, ObjectType } from 'type-graphql';
import { ItemStatus, TransactionsUpdateStatus } from './enums';

@ObjectType({ simpleResolvers: true })
export class ItemError {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  displayMessage!: string | null;
}

@ObjectType({ description: 'One login at one institution.', simpleResolvers: true })
export class Item {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  plaidItemId!: string;

  @Field(() => String, { nullable: true })
  institutionId!: string | null;

  @Field(() => String, { nullable: true })
  institutionName!: string | null;

  @Field(() => ItemStatus)
  status!: ItemStatus;

  @Field(() => ItemError, { nullable: true })
  error!: ItemError | null;

  @Field(() => [String])
  products!: string[];

  @Field(() => Date, { nullable: true, description: "When the user's consent ends (PENDING_EXPIRATION / PENDING_DISCONNECT)." })
  consentExpiresAt!: Date | null;

  @Field(() => Boolean, { description: 'Plaid has new accounts the user can share through update mode.' })
  newAccountsAvailable!: boolean;

  @Field(() => Date, { nullable: true })
  lastSyncedAt!: Date | null;

  @Field(() => TransactionsUpdateStatus, { nullable: true })
  transactionsUpdateStatus!: TransactionsUpdateStatus | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
