import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class Balance {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Float, { nullable: true })
  available!: number | null;

  @Field(() => Float, { nullable: true })
  current!: number | null;

  @Field(() => Float, { nullable: true })
  limit!: number | null;

  @Field(() => String, { nullable: true })
  isoCurrencyCode!: string | null;

  @Field(() => String, { nullable: true })
  unofficialCurrencyCode!: string | null;

  @Field(() => Date, { description: 'When this figure was read from the institution.' })
  lastUpdatedAt!: Date;

  @Field(() => Boolean, { description: 'True only when it was read just now, for this request.' })
  isRealtime!: boolean;
}
