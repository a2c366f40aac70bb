import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { GatewayChild } from '../../../src/dev/gateway-child';

// Stands in for dist/src/main.js: notes its start (once it handles SIGTERM) and its SIGTERM in a journal, then exits.
const FAKE_GATEWAY = `
const { appendFileSync } = require('node:fs');
const journal = process.env.JOURNAL;
process.on('SIGTERM', () => { appendFileSync(journal, 'stop ' + process.pid + '\\n'); process.exit(0); });
appendFileSync(journal, 'start ' + process.pid + '\\n');
setInterval(() => {}, 1000);
`;

describe('GatewayChild: the gateway process npm run dev replaces after a change', () => {
  let folder: string;
  let journal: string;
  let child: GatewayChild;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'gateway-child-'));
    journal = path.join(folder, 'journal');
    await writeFile(journal, '');
    const main = path.join(folder, 'main.js');
    await writeFile(main, FAKE_GATEWAY);
    child = new GatewayChild({ main, env: { ...process.env, JOURNAL: journal }, logger: pino({ level: 'silent' }) });
  });

  afterEach(async () => {
    await child.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const events = async () => (await readFile(journal, 'utf8')).split('\n').filter(Boolean);
  const waitForEvents = async (count: number) => {
    while ((await events()).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    return events();
  };

  it('stops the running gateway before it starts the next, and stops the last one for good', async () => {
    await child.restart('first');
    const [first] = await waitForEvents(1);
    await child.restart('a change');
    const afterRestart = await waitForEvents(3);
    const firstPid = first.split(' ')[1];
    expect(afterRestart.slice(0, 2)).toEqual([`start ${firstPid}`, `stop ${firstPid}`]);
    expect(afterRestart[2]).toMatch(/^start \d+$/);

    await child.stop();
    const secondPid = afterRestart[2].split(' ')[1];
    expect((await events()).slice(3)).toEqual([`stop ${secondPid}`]);
  });

  it('folds the changes that arrive while a restart waits into that restart', async () => {
    await child.restart('first');
    await waitForEvents(1);
    await Promise.all([child.restart('change 1'), child.restart('change 2'), child.restart('change 3')]);
    await waitForEvents(3);
    await child.stop();
    // Three changes at once, one restart: the first gateway stops, one more starts, and stops with the watcher.
    expect((await events()).map((event) => event.split(' ')[0])).toEqual(['start', 'stop', 'start', 'stop']);
  });
});
