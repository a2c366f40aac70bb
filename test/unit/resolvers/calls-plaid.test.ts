import { isObjectType } from 'graphql';
import { plaidCallMark } from '../../../src/resolvers/calls-plaid';
import { buildGatewaySchemaTypes } from '../../../src/server/build-schema';

/**
 * Issue 22, item 5: every field whose resolver reaches Plaid is marked where it is declared
 * (@CallsPlaid), and only those: the guard limits and charges what the schema says.
 */
describe('CallsPlaid marks in the gateway schema', () => {
  it('marks exactly the fields that call Plaid, balances only when realtime is true', async () => {
    const schema = await buildGatewaySchemaTypes();
    const marked: Record<string, unknown> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const mark = plaidCallMark(field);
        if (mark) marked[`${type.name}.${field.name}`] = mark;
      }
    }
    expect(marked).toEqual({
      'Query.balances': { whenArgument: 'realtime' },
      'Mutation.createLinkToken': {},
      'Mutation.exchangePublicToken': {},
      'Mutation.createRelinkToken': {},
      'Mutation.completeRelink': {},
      'Mutation.removeItem': {},
      'Mutation.syncItem': {},
      'Mutation.sandboxCreatePublicToken': {},
      'Mutation.sandboxFireWebhook': {},
      'Mutation.sandboxResetLogin': {},
      'Mutation.sandboxCreateTransactions': {},
      'Mutation.validateTransfer': {},
    });
    // The condition names a real Boolean argument of the field.
    const realtime = schema
      .getQueryType()!
      .getFields()
      .balances.args.find((arg) => arg.name === 'realtime');
    expect(String(realtime?.type)).toBe('Boolean!');
  });
});
