import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTROL_API_ROUTES, EMULATOR_ENV_VARIABLES, emulatorUsage } from '../../../src/server/emulator-usage';

const source = (file: string) => readFileSync(path.resolve(__dirname, '../../../src', file), 'utf8');

it('lists every variable the bin reads', () => {
  const read = [...`${source('server/emulator-env.ts')}\n${source('main.ts')}`.matchAll(/env(?:\.|, ')([A-Z][A-Z_]+)/g)].map(
    (match) => match[1],
  );
  expect(new Set(read)).toEqual(new Set(EMULATOR_ENV_VARIABLES.map((variable) => variable.name)));
});

it('lists every control route', () => {
  const mounted = [...source('control/control-routes.ts').matchAll(/route\('(\w+)', '([^']+)'/g)].map(
    ([, method, route]) => `${method.toUpperCase()} /emulator${route}`,
  );
  const listed = CONTROL_API_ROUTES.map((entry) => entry.route.replace(/\s+/, ' '));
  const expanded = listed.flatMap((route) =>
    route.endsWith('[/:id]') ? [route.replace('[/:id]', ''), route.replace('[/:id]', '/:id')] : [route],
  );
  const normalise = (route: string) => route.replace(/:\w+/g, ':param');
  expect(new Set(expanded.filter((route) => route !== 'GET /emulator/health').map(normalise))).toEqual(new Set(mounted.map(normalise)));
});

it('prints both', () => {
  const usage = emulatorUsage();
  expect(usage).toContain('PLAID_EMULATOR_INITIAL_PULL_DELAY_MS');
  expect(usage).toContain('/emulator/clock/advance');
});
