import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { embeddedClusterDirectory, removeGatewayDataDir } from '../../support/gateway-data-dir';
import { bareEnv, freePort } from '../../support/gateway-process';
import { isPortFree } from '../../support/free-port';
import { hasExited, processTree } from '../../support/process-tree';
import { started } from '../../support/started';

const ROOT = path.resolve(__dirname, '../../..');
const STOP_WITHIN_MS = 15_000;

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Whatever shell npm runs the script with, a signal to npm itself (as a process manager or a
// container runtime sends it) reaches the gateway, which stops its PostgreSQL before exiting.
describe.each(['SIGTERM', 'SIGINT'] as const)('%s to the `npm start` process itself', (signal) => {
  it(`ends npm, the gateway and its PostgreSQL, and frees every port within ${STOP_WITHIN_MS / 1000} s`, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-signal-'));
    const port = await freePort();
    const emulatorPort = await freePort();
    // Its own process group, so that a failed test can still end everything npm started.
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: bareEnv({ DATA_DIR: dataDir, PORT: String(port), PLAID_EMULATOR_PORT: String(emulatorPort) }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      npm.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
    );
    let descendants: number[] = [];
    const stop = started(`npm start ${npm.pid}`, async () => {
      for (const pid of [npm.pid!, ...descendants]) {
        try {
          if (!hasExited(pid)) process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      await removeGatewayDataDir(dataDir);
    });
    try {
      await waitUntil('the banner with a token', () => /Authorization: Bearer \S+/.test(output) || npm.exitCode !== null, 120_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}; output:\n${output.slice(-3000)}`);
        },
      );
      expect(npm.exitCode).toBeNull();
      const databasePort = Number(
        (await readFile(path.join(await embeddedClusterDirectory(dataDir), 'postmaster.pid'), 'utf8')).split('\n')[3],
      );
      descendants = processTree(npm.pid!).slice(1);
      // npm's shell (if it stayed), the gateway, and the postmaster with its own processes.
      expect(descendants.length).toBeGreaterThan(3);

      process.kill(npm.pid!, signal);
      const ports = [port, emulatorPort, databasePort];
      await waitUntil(
        'every process npm started has exited and its ports are free',
        async () => descendants.every(hasExited) && hasExited(npm.pid!) && (await Promise.all(ports.map(isPortFree))).every(Boolean),
        STOP_WITHIN_MS,
      ).catch((error: Error) => {
        const left = descendants.filter((pid) => !hasExited(pid));
        throw new Error(`${error.message}; still running: ${left.join(', ') || 'none'}; output:\n${output.slice(-3000)}`);
      });
      expect(await exit).toEqual({ code: 0, signal: null });
      // The gateway's own graceful path ran to its last step (PostgreSQL stopped before it).
      expect(output).toMatch(/"step":"close the database".*"msg":"shutdown step done"/);
      expect(output).toMatch(/"step":"release DATA_DIR".*"msg":"shutdown step done"/);
    } finally {
      await stop();
    }
  });
});
