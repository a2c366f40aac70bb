import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** The base of a contract folder; the other files extend it (`extend type Query { ... }`). */
const BASE_FILE = 'schema.graphql';

/**
 * A contract as one schema: a single SDL file, or a folder whose schema.graphql is the base and
 * whose other .graphql files (each an issue's additions) extend it, in name order.
 */
export async function readContract(location: string): Promise<GraphQLSchema> {
  if (!(await stat(location)).isDirectory()) return buildSchema(await readFile(location, 'utf8'));
  const additions = (await readdir(location)).filter((name) => name.endsWith('.graphql') && name !== BASE_FILE).sort();
  const files = [BASE_FILE, ...additions].map((name) => path.join(location, name));
  return buildSchema((await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n'));
}
