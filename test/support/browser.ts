import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import sparticuzChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { started } from './started';

/** Without the background-networking flags Chromium calls Google's hosts, which a closed network refuses. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The Chromium that `npm install` brought (`@sparticuz/chromium` ships it compressed inside the
 * package), unpacked once into a folder of this user's: the package unpacks into the temporary
 * folder, and a shared `/tmp/chromium` left by another user is not executable by this one.
 */
async function npmChromium(): Promise<string> {
  // The package's exports hide its package.json; its entry lies two folders below it.
  const packageJson = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '../../package.json');
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  const folder = path.join(tmpdir(), `plaid-gateway-chromium-${userInfo().uid}-${version}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const before = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await sparticuzChromium.executablePath();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
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
