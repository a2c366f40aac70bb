/**
 * What `plaid-emulator --help` prints: the environment the bin reads and the control API.
 * A unit test checks both lists against the code that reads the variables and mounts the routes.
 */
export const EMULATOR_ENV_VARIABLES: ReadonlyArray<{ name: string; fallback: string; meaning: string }> = [
  { name: 'PLAID_EMULATOR_PORT', fallback: '4010', meaning: 'port to listen on (0 = any free port)' },
  { name: 'PLAID_EMULATOR_HOST', fallback: '127.0.0.1', meaning: 'address to listen on' },
  { name: 'PLAID_CLIENT_ID', fallback: 'emulator_client_id', meaning: 'the client id it accepts' },
  { name: 'PLAID_SECRET', fallback: 'emulator_secret', meaning: 'the secret it accepts' },
  { name: 'DATA_DIR', fallback: '.data', meaning: 'state is kept in DATA_DIR/emulator/state.json' },
  { name: 'PLAID_EMULATOR_SEED', fallback: 'random, kept with the state', meaning: 'same seed, same Items, ids and histories' },
  { name: 'PLAID_EMULATOR_WEBHOOK_RETRY_SCALE', fallback: '1', meaning: 'multiplies the webhook retry delays' },
  {
    name: 'PLAID_EMULATOR_INITIAL_PULL_DELAY_MS',
    fallback: '0',
    meaning: "a new Item's initial pull time: PRODUCT_NOT_READY and NOT_READY until it ends",
  },
  { name: 'LOG_LEVEL', fallback: 'info', meaning: 'pino log level (JSON lines on stdout)' },
];

export const CONTROL_API_ROUTES: ReadonlyArray<{ route: string; effect: string }> = [
  { route: 'GET    /emulator/health', effect: "{ status: 'ok' }, no keys needed" },
  {
    route: 'POST   /emulator/errors',
    effect: 'fail matching requests with a Plaid error { endpoint, error_code, times?, probability?, item_id? }',
  },
  { route: 'POST   /emulator/latency', effect: 'delay answers { endpoint, ms, times? }' },
  { route: 'GET    /emulator/faults', effect: 'the active fault rules' },
  { route: 'DELETE /emulator/faults[/:id]', effect: 'remove one rule, or all' },
  { route: 'POST   /emulator/items', effect: 'make an Item { transactions?, history_days?, webhook?, institution_id?, products?, ... }' },
  { route: 'POST   /emulator/items/:item_id/fail-next-sync-page', effect: "fail the Item's next sync page { after_pages? }" },
  { route: 'POST   /emulator/items/:item_id/transactions/:transaction_id/modify', effect: 'change a transaction { amount?, name?, ... }' },
  {
    route: 'PUT    /emulator/items/:item_id/accounts/:account_id/balances',
    effect: "set the account's balances { available?, current?, limit? } (JSON numbers, as Plaid sends them)",
  },
  { route: 'POST   /emulator/webhooks/delivery-mode', effect: 'deliver the next webhooks twice or reordered { duplicate?, reorder? }' },
  { route: 'GET    /emulator/webhooks/deliveries', effect: 'the last 200 delivery attempts' },
  { route: 'POST   /emulator/webhooks/flush', effect: 'wait until every webhook is delivered or abandoned' },
  { route: 'POST   /emulator/webhook-keys/rotate', effect: 'new webhook signing key' },
  { route: 'PUT    /emulator/rate-limits', effect: 'change per-Item rate limits { limits?, reset?, disable_all? }' },
  { route: 'POST   /emulator/clock/advance', effect: "move the emulator's clock { ms }" },
];

export function emulatorUsage(): string {
  const width = Math.max(...EMULATOR_ENV_VARIABLES.map((variable) => variable.name.length));
  const routeWidth = Math.max(...CONTROL_API_ROUTES.map((entry) => entry.route.length));
  return [
    "plaid-emulator: a stateful, offline stand-in for Plaid's sandbox (Plaid API, control API under /emulator, hosted Link under /link).",
    '',
    'Usage: plaid-emulator [--help]   (configured by the environment; SIGTERM or SIGINT stops it)',
    '',
    'Environment:',
    ...EMULATOR_ENV_VARIABLES.map((variable) => `  ${variable.name.padEnd(width)}  ${variable.meaning} (default: ${variable.fallback})`),
    '',
    'Control API (same PLAID-CLIENT-ID / PLAID-SECRET headers; errors are Plaid error objects):',
    ...CONTROL_API_ROUTES.map((entry) => `  ${entry.route.padEnd(routeWidth)}  ${entry.effect}`),
    '',
  ].join('\n');
}
