import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** How schema.graphql is written: sorted, so the file changes only when the schema does. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
