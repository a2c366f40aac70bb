import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { ROOT_POSTGRES_HOME } from '../../../src/database/embedded-postgres-placement';
import { removeGatewayDataDir } from '../../support/gateway-data-dir';
import { bareEnv, freePort, spawnGateway, type GatewayProcess } from '../../support/gateway-process';

const READY = /Authorization: Bearer (\S+)/;

async function graphql<T = Record<string, unknown>>(port: number, token: string, query: string): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

async function stop(gateway: GatewayProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  gateway.child.kill('SIGTERM');
  const { code } = await gateway.exit;
  return { code, ms: Date.now() - started };
}

describe('npm start with zero configuration (embedded PostgreSQL, emulator, generated secrets)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-start-'));
    port = await freePort();
    env = bareEnv({ DATA_DIR: dataDir, PORT: String(port), PLAID_EMULATOR_PORT: String(await freePort()) });
  });

  afterAll(async () => {
    await removeGatewayDataDir(dataDir);
  });

  it('serves the printed demo token, refuses a second instance, stops on SIGTERM and keeps data across a restart', async () => {
    const first = spawnGateway(env);
    let token: string;
    try {
      [, token] = await first.waitForOutput(READY, 90_000);
      // HOST's default: loopback only, off the network.
      expect(first.stdout()).toContain(`GraphQL:   http://127.0.0.1:${port}/graphql`);
      expect(first.stdout()).toContain(`Demo app:  http://127.0.0.1:${port}/demo/`);
      expect(first.stdout()).toContain('`npm run -s token -- <user>`');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await graphql(port, token, '{ me { id } }')).toEqual({ data: { me: { id: 'demo' } } });
      const updated = await graphql(port, token, 'mutation { updateProfile(input: { legalName: "Demo Person" }) { id } }');
      expect(updated.errors).toBeUndefined();

      const second = spawnGateway({ ...env, PORT: String(await freePort()) });
      const { code } = await second.exit;
      expect(code).not.toBe(0);
      const pid = first.child.pid!;
      expect(second.stderr()).toBe(
        `Cannot start: DATA_DIR ${dataDir} is in use by another running gateway, pid ${pid} (still running); ` +
          `stop it first (kill ${pid}) or set another DATA_DIR\n`,
      );
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      const stopped = await stop(first);
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
    }

    const again = spawnGateway(env);
    try {
      await again.waitForOutput(READY, 60_000);
      expect(await graphql(port, token, '{ me { id profile { legalName } } }')).toEqual({
        data: { me: { id: 'demo', profile: { legalName: 'Demo Person' } } },
      });
    } finally {
      expect((await stop(again)).code).toBe(0);
    }
  });
});

// A clone under /root/... or a `mktemp -d` folder: PostgreSQL, run as `postgres`, cannot enter it.
(userInfo().uid === 0 ? describe : describe.skip)('npm start as root in a folder the postgres user cannot enter', () => {
  let privateDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;

  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(tmpdir(), 'gateway-private-'));
    dataDir = path.join(privateDir, 'clone', '.data');
    await mkdir(path.dirname(dataDir));
    port = await freePort();
    env = bareEnv({ DATA_DIR: dataDir, PORT: String(port), PLAID_EMULATOR_PORT: String(await freePort()) });
  });

  afterAll(async () => {
    await removeGatewayDataDir(dataDir);
    await rm(privateDir, { recursive: true, force: true });
  });

  it('keeps its cluster in a folder postgres can reach, leaves the private folders closed, and keeps a linked Item across a restart', async () => {
    const first = spawnGateway(env);
    let token: string;
    let itemId: string;
    try {
      [, token] = await first.waitForOutput(READY, 90_000);
      const created = await graphql<{ sandboxCreatePublicToken: { publicToken: string } }>(
        port,
        token,
        'mutation { sandboxCreatePublicToken { publicToken } }',
      );
      const exchanged = await graphql<{ exchangePublicToken: { id: string } }>(
        port,
        token,
        `mutation { exchangePublicToken(input: { publicToken: "${created.data!.sandboxCreatePublicToken.publicToken}" }) { id } }`,
      );
      itemId = exchanged.data!.exchangePublicToken.id;
      expect(itemId).toEqual(expect.any(String));
    } finally {
      expect((await stop(first)).code).toBe(0);
    }
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    const cluster = (await readFile(path.join(dataDir, 'postgres.location'), 'utf8')).trim();
    expect(cluster.startsWith(`${ROOT_POSTGRES_HOME}/clusters/`)).toBe(true);
    expect((await stat(path.join(cluster, 'PG_VERSION'))).isFile()).toBe(true);

    const again = spawnGateway(env);
    try {
      await again.waitForOutput(READY, 60_000);
      expect(await graphql(port, token, '{ items { id } }')).toEqual({ data: { items: [{ id: itemId }] } });
    } finally {
      expect((await stop(again)).code).toBe(0);
    }
  });
});
