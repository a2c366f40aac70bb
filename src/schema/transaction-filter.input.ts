import { Field, Float, ID, InputType } from 'type-graphql';
import { DecimalScalar } from './decimal.scalar';
import { DateScalar } from './scalars';

@InputType()
export class TransactionFilter {
  @Field(() => ID, { nullable: true })
  itemId?: string | null;

  @Field(() => [ID], { nullable: true })
  accountIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  to?: string | null;

  @Field(() => Boolean, { nullable: true })
  pending?: boolean | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  hidden?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on name or merchant name.' })
  search?: string | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use minExactAmount' })
  minAmount?: number | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use maxExactAmount' })
  maxAmount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Inclusive, exact.' })
  minExactAmount?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Inclusive, exact.' })
  maxExactAmount?: string | null;
}
