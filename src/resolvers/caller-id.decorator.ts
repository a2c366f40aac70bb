import { createParameterDecorator } from 'type-graphql';
import { callerId, type GraphQLContext } from '../context/graphql-context';

/** The caller's id as a resolver parameter. Its field is `@Authorized()`, which refuses a request without one before the parameters are read. */
export function CallerId() {
  return createParameterDecorator<GraphQLContext>(({ context }) => callerId(context));
}
