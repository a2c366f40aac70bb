import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildGatewaySchemaTypes } from '../server/build-schema';
import { printGatewaySchema } from '../schema/print-schema';

/** Writes the served schema to schema.graphql at the repository root (npm run schema:emit). */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');
  await writeFile(target, printGatewaySchema(await buildGatewaySchemaTypes()));
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
