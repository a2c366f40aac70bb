import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findBreakingChanges, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildGatewaySchemaTypes } from '../../../src/server/build-schema';
import { readContract } from '../../../src/schema/contract-files';
import { printGatewaySchema } from '../../../src/schema/print-schema';

/** The project's own copy of the public contract (schema.graphql and its additions): what users build against, which may only grow. */
const CONTRACT = path.resolve(__dirname, '../../../contract');
const COMMITTED = path.resolve(__dirname, '../../../schema.graphql');

/** Every description the schema carries on types, fields and arguments, by coordinate. */
function descriptions(schema: GraphQLSchema): Map<string, string> {
  const found = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (type.description) found.set(type.name, type.description);
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.description) found.set(`${type.name}.${field.name}`, field.description);
      for (const arg of 'args' in field ? field.args : [])
        if (arg.description) found.set(`${type.name}.${field.name}(${arg.name})`, arg.description);
    }
  }
  return found;
}

describe('the served schema', () => {
  let served: GraphQLSchema;
  let contract: GraphQLSchema;

  beforeAll(async () => {
    [served, contract] = await Promise.all([buildGatewaySchemaTypes(), readContract(CONTRACT)]);
  });

  it('is what schema.graphql holds (run `npm run schema:emit` after changing it)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(printGatewaySchema(served));
  });

  it('breaks nothing in the contract', () => {
    expect(findBreakingChanges(contract, served).map((change) => change.description)).toEqual([]);
  });

  it("carries the contract's descriptions, so the explorer documents itself", () => {
    const ours = descriptions(served);
    const missing = [...descriptions(contract)].filter(([coordinate, text]) => ours.get(coordinate) !== text);
    expect(missing).toEqual([]);
  });

  it('serves every Query field of the contract with exactly its arguments, types and defaults (more fields may follow)', () => {
    const signature = (schema: GraphQLSchema) =>
      Object.fromEntries(
        Object.entries(schema.getQueryType()!.getFields()).map(([name, field]) => [
          name,
          `${field.args
            .map((arg) => `${arg.name}: ${String(arg.type)} = ${JSON.stringify(arg.defaultValue)}`)
            .sort()
            .join(', ')} -> ${String(field.type)}`,
        ]),
      );
    expect(signature(served)).toMatchObject(signature(contract));
  });
});
