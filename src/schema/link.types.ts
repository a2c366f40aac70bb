import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PlaidProduct } from './enums';
import { Item } from './item.type';

@InputType()
export class CreateLinkTokenInput {
  @Field(() => [PlaidProduct], { nullable: true, description: "Defaults to the gateway's configured products." })
  products?: PlaidProduct[] | null;

  @Field(() => String, { nullable: true, description: 'Required for OAuth institutions on the web; must be registered with Plaid.' })
  redirectUri?: string | null;

  @Field(() => String, { nullable: true })
  androidPackageName?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => [String], { nullable: true })
  countryCodes?: string[] | null;
}

@ObjectType()
export class LinkToken {
  @Field(() => String)
  linkToken!: string;

  @Field(() => Date)
  expiration!: Date;
}

@InputType()
export class ExchangePublicTokenInput {
  @Field(() => String)
  publicToken!: string;

  @Field(() => String, { nullable: true, description: "From Link's onSuccess metadata, for display until Plaid confirms it." })
  institutionId?: string | null;

  @Field(() => String, { nullable: true })
  institutionName?: string | null;
}

@InputType()
export class RelinkInput {
  @Field(() => Boolean, { nullable: true, description: 'Let the user pick accounts again (after NEW_ACCOUNTS_AVAILABLE).' })
  accountSelection?: boolean | null;
}

@ObjectType()
export class RemoveItemPayload {
  @Field(() => ID)
  itemId!: string;

  @Field(() => Boolean)
  removed!: boolean;
}

@ObjectType()
export class SyncResult {
  @Field(() => Item)
  item!: Item;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  modified!: number;

  @Field(() => Int)
  removed!: number;
}
