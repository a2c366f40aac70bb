import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from '../../../src/context/graphql-context';
import type { GatewayMetrics } from '../../../src/metrics/gateway-metrics';
import { compileReadPlan } from '../../../src/read-planner/read-plan';
import type { ReadPlanner } from '../../../src/read-planner/read-planner';
import { ReadPath } from '../../../src/server/read-path';

const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../../schema.graphql'), 'utf8'));

/** A statement that failed (PostgreSQL unreachable) is reported where the resolvers report theirs: at the root fields. */
describe('ReadPath when the statement fails', () => {
  async function failed(query: string) {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const plan = compileReadPlan(schema, document, operation, {});
    if (plan.kind !== 'planned') throw new Error(plan.reason);
    const planner = {
      answer: () => Promise.resolve({ path: 'planner', failure: new Error('down'), roots: plan.selection }),
    } as unknown as ReadPlanner;
    const metrics = { recordReadPath: () => undefined } as unknown as GatewayMetrics;
    const context = { user: { id: 'u' }, logger: { debug: () => undefined } } as unknown as GraphQLContext;
    const result = (await new ReadPath(planner, metrics).plannedResult(document, operation, {}, context))!;
    return {
      data: result.data,
      errors: result.errors?.map((error) => ({ message: error.message, path: error.path, locations: error.locations })),
    };
  }

  it('nulls a nullable root field with its error and path', async () => {
    expect(await failed('{ __typename item(id: "x") { id } }')).toEqual({
      data: { __typename: 'Query', item: null },
      errors: [{ message: 'down', path: ['item'], locations: [{ line: 1, column: 14 }] }],
    });
  });

  it('nulls the whole data at the first non-null root field', async () => {
    expect(await failed('{ a: account(id: "x") { id } items { id } transactions { totalCount } }')).toEqual({
      data: null,
      errors: [
        { message: 'down', path: ['a'], locations: [{ line: 1, column: 3 }] },
        { message: 'down', path: ['items'], locations: [{ line: 1, column: 30 }] },
      ],
    });
  });
});
