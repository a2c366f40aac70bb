import { buildSchema } from 'graphql';
import { compareSchemas, formatSchemaChanges } from '../../../src/schema/schema-changes';

const contract = buildSchema(`
  enum Status { ACTIVE ERROR }
  type Item { id: ID! name: String status: Status! }
  type Query { items(first: Int = 50): [Item!]! item(id: ID!): Item }
`);

describe('compareSchemas', () => {
  it('finds nothing when the served schema only adds types and fields', () => {
    const served = buildSchema(`
      enum Status { ACTIVE ERROR }
      type Item { id: ID! name: String status: Status! createdAt: String }
      type Extra { id: ID! }
      type Query { items(first: Int = 50): [Item!]! item(id: ID!): Item extra: Extra }
    `);
    expect(compareSchemas(contract, served)).toEqual({ breaking: [], dangerous: [] });
  });

  it('tells breaking changes (removed field, new required argument) from dangerous ones (new enum value, changed default)', () => {
    const served = buildSchema(`
      enum Status { ACTIVE ERROR REVOKED }
      type Item { id: ID! status: Status! }
      type Query { items(first: Int = 20): [Item!]! item(id: ID!, owner: ID!): Item }
    `);
    const changes = compareSchemas(contract, served);
    expect(changes.breaking).toEqual([
      { type: 'FIELD_REMOVED', description: 'Item.name was removed.' },
      { type: 'REQUIRED_ARG_ADDED', description: 'A required arg owner on Query.item was added.' },
    ]);
    expect(changes.dangerous).toEqual([
      { type: 'VALUE_ADDED_TO_ENUM', description: 'REVOKED was added to enum type Status.' },
      { type: 'ARG_DEFAULT_VALUE_CHANGE', description: 'Query.items arg first has changed defaultValue from 50 to 20.' },
    ]);
  });
});

describe('formatSchemaChanges', () => {
  it('prints a count and one line per change, breaking first', () => {
    const text = formatSchemaChanges('contract/schema.graphql', {
      breaking: [{ type: 'FIELD_REMOVED', description: 'Item.name was removed.' }],
      dangerous: [],
    });
    expect(text).toBe(
      [
        'The served schema against contract/schema.graphql:',
        'breaking (1)',
        '  FIELD_REMOVED: Item.name was removed.',
        'dangerous (0)',
      ].join('\n'),
    );
  });
});
