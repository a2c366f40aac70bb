import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Money } from './money.type';

@ObjectType({ simpleResolvers: true })
export class Balance {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use availableMoney' })
  available!: number | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use currentMoney' })
  current!: number | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use limitMoney' })
  limit!: number | null;

  @Field(() => Money, { nullable: true })
  currentMoney!: Money | null;

  @Field(() => Money, { nullable: true })
  availableMoney!: Money | null;

  @Field(() => Money, { nullable: true })
  limitMoney!: Money | null;

  @Field(() => String, { nullable: true })
  isoCurrencyCode!: string | null;

  @Field(() => String, { nullable: true })
  unofficialCurrencyCode!: string | null;

  @Field(() => Date, { description: 'When this figure was read from the institution.' })
  lastUpdatedAt!: Date;

  @Field(() => Boolean, { description: 'True only when it was read just now, for this request.' })
  isRealtime!: boolean;
}
