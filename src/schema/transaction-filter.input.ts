import { Field, Float, ID, InputType } from 'type-graphql';
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

  @Field(() => Float, { nullable: true })
  minAmount?: number | null;

  @Field(() => Float, { nullable: true })
  maxAmount?: number | null;
}
