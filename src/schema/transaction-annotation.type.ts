import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars';

@ObjectType({ simpleResolvers: true })
export class TransactionAnnotation {
  @Field(() => String, { nullable: true })
  categoryOverride!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Boolean, { description: 'Hidden transactions are left out of spending summaries (e.g. a transfer between own accounts).' })
  hidden!: boolean;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}
