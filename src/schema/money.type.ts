import { Field, ObjectType } from 'type-graphql';
import { DecimalScalar } from './decimal.scalar';

@ObjectType({ description: 'An amount of money in one currency.', simpleResolvers: true })
export class Money {
  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => String, {
    description: "ISO 4217 code, or Plaid's unofficial code (e.g. a crypto currency) when it has no ISO code.",
  })
  currencyCode!: string;
}
