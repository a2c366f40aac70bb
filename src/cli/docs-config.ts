import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withConfigTable } from '../config/config-docs';

/** Writes the README's configuration table from src/config/config-variables.ts (npm run docs:config). */
async function main(): Promise<void> {
  const readme = path.resolve(__dirname, '..', '..', '..', 'README.md');
  const before = await readFile(readme, 'utf8');
  const after = withConfigTable(before);
  if (after === before) {
    process.stdout.write(`${readme}: the configuration table is up to date\n`);
    return;
  }
  await writeFile(readme, after);
  process.stdout.write(`wrote the configuration table of ${readme}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
