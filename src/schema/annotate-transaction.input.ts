import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description: `Partial update: a field left out keeps its value; categoryOverride or note set to null clears
it. At most 20 tags of at most 40 characters each; a note of at most 2,000 characters.`,
})
export class AnnotateTransactionInput {
  @Field(() => ID)
  transactionId!: string;

  @Field(() => String, { nullable: true })
  categoryOverride?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  hidden?: boolean | null;
}
