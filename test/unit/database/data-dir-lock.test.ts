import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirInUseError, lockDataDir } from '../../../src/database/data-dir-lock';

/** The PID of a process that has exited: nothing runs under it (until the kernel reuses it). */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('lockDataDir: one holder of DATA_DIR, named when another asks', () => {
  let dataDir: string;
  let release: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'data-dir-lock-'));
  });

  afterEach(async () => {
    await release?.();
    release = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records the holder PID, refuses a second holder naming it as still running, and lets go on release', async () => {
    release = await lockDataDir(dataDir);
    expect(await readFile(path.join(dataDir, 'gateway.pid'), 'utf8')).toBe(`${process.pid}\n`);

    const refused = await lockDataDir(dataDir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).holder).toEqual({ pid: process.pid, alive: true });
    expect((refused as Error).message).toBe(
      `DATA_DIR ${dataDir} is in use by another running gateway, pid ${process.pid} (still running); ` +
        `stop it first (kill ${process.pid}) or set another DATA_DIR`,
    );

    await release();
    release = undefined;
    await expect(readFile(path.join(dataDir, 'gateway.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
    release = await lockDataDir(dataDir);
  });

  it('says when the recorded holder no longer runs (its lock has not lapsed yet)', async () => {
    release = await lockDataDir(dataDir);
    const pid = await exitedPid();
    await writeFile(path.join(dataDir, 'gateway.pid'), `${pid}\n`);

    const refused = (await lockDataDir(dataDir).catch((error: unknown) => error)) as DataDirInUseError;
    expect(refused.holder).toEqual({ pid, alive: false });
    expect(refused.message).toBe(
      `DATA_DIR ${dataDir} is in use by another running gateway, pid ${pid} (no longer running: its lock lapses within 10 s); ` +
        'start again shortly or set another DATA_DIR',
    );
  });

  it('says the PID is unknown when the holder recorded none', async () => {
    release = await lockDataDir(dataDir);
    await rm(path.join(dataDir, 'gateway.pid'));

    const refused = (await lockDataDir(dataDir).catch((error: unknown) => error)) as DataDirInUseError;
    expect(refused.holder).toBeUndefined();
    expect(refused.message).toBe(
      `DATA_DIR ${dataDir} is in use by another running gateway (its pid is not recorded); stop it first or set another DATA_DIR`,
    );
  });
});
