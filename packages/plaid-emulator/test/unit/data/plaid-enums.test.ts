import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as plaid from 'plaid';
import * as ours from '../../../src/data/plaid-enums';

const SRC = path.resolve(__dirname, '../../../src');

/** The emulator spells out the enum values it uses so its bin need not load the client; they must be the client's. */
it.each(Object.entries(ours))("%s has the plaid client's values", (name, members) => {
  const client = (plaid as unknown as Record<string, Record<string, string>>)[name];
  expect(client).toBeDefined();
  for (const [member, value] of Object.entries(members)) expect({ [member]: value }).toEqual({ [member]: client[member] });
});

it('leaves no runtime import of the plaid client in the package (types only)', () => {
  const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const valueImports = sources.filter((file) => /^import (?!type )[^;]*from 'plaid';/ms.test(readFileSync(path.join(SRC, file), 'utf8')));
  expect(valueImports).toEqual([]);
});
