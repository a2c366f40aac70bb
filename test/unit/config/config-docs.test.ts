import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_TABLE_END, CONFIG_TABLE_START, renderConfigTable, withConfigTable } from '../../../src/config/config-docs';
import { optional, withDefault } from '../../../src/config/config-variable';
import { text } from '../../../src/config/config-parsers';

const README = path.resolve(__dirname, '../../../README.md');

describe("the README's configuration table", () => {
  it('is the one config-variables.ts generates (npm run docs:config writes it)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(CONFIG_TABLE_START);
    expect(withConfigTable(readme)).toBe(readme);
  });

  it('sits under Configuration, after the commands to start and test and before Architecture', () => {
    const readme = readFileSync(README, 'utf8');
    const at = (marker: string) => readme.indexOf(marker);
    const order = [
      '## Run it',
      '```sh\nnpm install && npm start\n```',
      '## Test it',
      '```sh\nnpm test\n```',
      '## Configuration',
      CONFIG_TABLE_START,
      CONFIG_TABLE_END,
      '## Architecture',
    ].map(at);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it.each([
    ['a default', withDefault({ name: 'A', default: '7', parse: text, description: 'seven' }), '| `A` | `7` | seven |'],
    [
      'a default that follows others',
      withDefault({ name: 'B', default: () => 'x', shownDefault: 'per `A`', parse: text, description: 'bee' }),
      '| `B` | per `A` | bee |',
    ],
    [
      'no default, and a pipe in its meaning',
      optional({ name: 'C', whenUnset: '—', parse: text, description: 'a | b' }),
      '| `C` | — | a \\| b |',
    ],
    [
      'a secret',
      optional({ name: 'D', whenUnset: 'generated', secret: true, parse: text, description: 'key' }),
      '| `D` (secret) | generated | key |',
    ],
  ])('renders a variable with %s as one row', (_name, variable, row) => {
    expect(renderConfigTable([variable]).split('\n')).toEqual(['| variable | default | meaning |', '| --- | --- | --- |', row]);
  });

  it('refuses a README without the markers', () => {
    expect(() => withConfigTable('# no table here\n')).toThrow(CONFIG_TABLE_START);
  });
});
