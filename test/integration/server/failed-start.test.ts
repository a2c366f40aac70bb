import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { startGateway } from '../../../src/server/gateway';

it('a start that fails late undoes everything it started', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-failed-start-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      AUTH_JWT_SECRET: 'x'.repeat(40),
      TOKEN_ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
      PLAID_EMULATOR_PORT: '0',
    });
    await expect(startGateway(config, pino({ level: 'silent' }))).rejects.toThrow(/EADDRINUSE/);
    // DATA_DIR is released: a second start on it is not refused as "in use".
    const retry = startGateway({ ...config, port: 0 }, pino({ level: 'silent' }));
    await (await retry).close();
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});
