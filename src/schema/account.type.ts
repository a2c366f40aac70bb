import { Field, ID, ObjectType } from 'type-graphql';
import { Balance } from './balance.type';
import { AccountType } from './enums';

@ObjectType({ simpleResolvers: true })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  plaidAccountId!: string;

  /** Resolved by the Account.item field resolver through a DataLoader. */
  itemId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  officialName!: string | null;

  @Field(() => String, { nullable: true })
  mask!: string | null;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => String, { nullable: true })
  subtype!: string | null;

  /** The account's stored balance, read with the account itself (no extra query). */
  @Field(() => Balance)
  balance!: Balance;
}
