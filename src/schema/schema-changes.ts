import { findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';

export interface SchemaChange {
  type: string;
  description: string;
}

export interface SchemaChanges {
  /** Would fail some client built against the contract: a removed field, a narrowed type, a new required argument... */
  breaking: SchemaChange[];
  /** Could change some client's behaviour: a new enum value, a changed default, a new optional argument... */
  dangerous: SchemaChange[];
}

/** What `served` changes for clients built against `contract` (graphql-js's own rules). */
export function compareSchemas(contract: GraphQLSchema, served: GraphQLSchema): SchemaChanges {
  const plain = ({ type, description }: SchemaChange) => ({ type, description });
  return { breaking: findBreakingChanges(contract, served).map(plain), dangerous: findDangerousChanges(contract, served).map(plain) };
}

/** The report `npm run schema:check` prints: one line per change, breaking ones first. */
export function formatSchemaChanges(contractName: string, { breaking, dangerous }: SchemaChanges): string {
  const section = (title: string, changes: SchemaChange[]) => [
    `${title} (${changes.length})`,
    ...changes.map((change) => `  ${change.type}: ${change.description}`),
  ];
  return [`The served schema against ${contractName}:`, ...section('breaking', breaking), ...section('dangerous', dangerous)].join('\n');
}
