import { createParameterDecorator } from 'type-graphql';
import { callerId, type GraphQLContext } from '../server/graphql-context';

/** The authenticated caller's id as a resolver parameter; the field must also be `@Authorized()`. */
export function CallerId() {
  return createParameterDecorator<GraphQLContext>(({ context }) => callerId(context));
}
