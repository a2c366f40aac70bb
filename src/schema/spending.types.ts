import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SpendingGrouping } from '../entities/spending-grouping';
import { DateScalar } from './scalars';
import { DecimalScalar } from './decimal.scalar';

export { SpendingGrouping };

registerEnumType(SpendingGrouping, { name: 'SpendingGrouping' });

@ObjectType({ simpleResolvers: true })
export class SpendingGroup {
  @Field(() => String, {
    description: 'The effective category, the merchant name (else the transaction name), YYYY-MM, or the account id.',
  })
  key!: string;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => DecimalScalar, { description: 'Sum of the positive amounts (money out).' })
  outflow!: string;

  @Field(() => DecimalScalar, { description: 'Sum of the negative amounts, as a positive number (money in).' })
  inflow!: string;

  @Field(() => DecimalScalar, { description: 'outflow - inflow.' })
  net!: string;

  @Field(() => Int)
  transactionCount!: number;
}

@ObjectType({ simpleResolvers: true })
export class SpendingSummary {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [SpendingGroup], { description: 'Largest outflow first; one group per key and currency.' })
  groups!: SpendingGroup[];

  @Field(() => [SpendingGroup], { description: 'One per currency: the sums over every group.' })
  totals!: SpendingGroup[];
}
