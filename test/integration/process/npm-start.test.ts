import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bareEnv, freePort, spawnGateway, type GatewayProcess } from '../../support/gateway-process';

const READY = /Authorization: Bearer (\S+)/;

async function graphql(port: number, token: string, query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
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
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the printed demo token, refuses a second instance, stops on SIGTERM and keeps data across a restart', async () => {
    const first = spawnGateway(env);
    let token: string;
    try {
      [, token] = await first.waitForOutput(READY, 90_000);
      expect(first.stdout()).toContain(`GraphQL:   http://localhost:${port}/graphql`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await graphql(port, token, '{ me { id } }')).toEqual({ data: { me: { id: 'demo' } } });
      const updated = await graphql(port, token, 'mutation { updateProfile(input: { legalName: "Demo Person" }) { id } }');
      expect(updated.errors).toBeUndefined();

      const second = spawnGateway({ ...env, PORT: String(await freePort()) });
      const { code } = await second.exit;
      expect(code).not.toBe(0);
      expect(second.stderr()).toBe(`Cannot start: DATA_DIR ${dataDir} is in use by another running gateway; stop it first or set another DATA_DIR\n`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      const stopped = await stop(first);
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
    }

    const again = spawnGateway(env);
    try {
      await again.waitForOutput(READY, 60_000);
      expect(await graphql(port, token, '{ me { id profile { legalName } } }')).toEqual({ data: { me: { id: 'demo', profile: { legalName: 'Demo Person' } } } });
    } finally {
      expect((await stop(again)).code).toBe(0);
    }
  });
});
