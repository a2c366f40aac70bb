import 'reflect-metadata';
import path from 'node:path';
import { buildGatewaySchemaTypes } from '../server/build-schema';
import { readContract } from '../schema/contract-files';
import { compareSchemas, formatSchemaChanges } from '../schema/schema-changes';

const DEFAULT_CONTRACT = path.resolve(__dirname, '..', '..', '..', 'contract');

/**
 * npm run schema:check [-- <contract.graphql or folder>]: prints the breaking and dangerous
 * changes of the served schema against the contract (by default the committed contract/ folder:
 * schema.graphql and the files that extend it) and exits 1 when any change is breaking.
 */
async function main(): Promise<void> {
  const contractPath = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_CONTRACT;
  const contract = await readContract(contractPath);
  const changes = compareSchemas(contract, await buildGatewaySchemaTypes());
  process.stdout.write(`${formatSchemaChanges(path.relative(process.cwd(), contractPath) || contractPath, changes)}\n`);
  if (changes.breaking.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`schema:check: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
