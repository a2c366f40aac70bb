import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { PlaidProduct } from './enums';
import { DateScalar } from './scalars';

@InputType()
export class SandboxPublicTokenInput {
  @Field(() => String, { nullable: true, description: 'Defaults to ins_109508 (First Platypus Bank).' })
  institutionId?: string | null;

  @Field(() => [PlaidProduct], { nullable: true, description: "Defaults to the gateway's configured products." })
  products?: PlaidProduct[] | null;

  @Field(() => String, { nullable: true, description: "user_good (default) or user_transactions_dynamic, as in Plaid's sandbox." })
  username?: string | null;
}

@ObjectType()
export class SandboxPublicToken {
  @Field(() => String)
  publicToken!: string;
}

@InputType()
export class SandboxTransactionInput {
  @Field(() => Float)
  amount!: number;

  @Field(() => String)
  description!: string;

  @Field(() => DateScalar)
  datePosted!: string;

  @Field(() => DateScalar)
  dateTransacted!: string;

  @Field(() => String, { nullable: true })
  isoCurrencyCode?: string | null;
}
