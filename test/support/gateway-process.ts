import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { started } from './started';

export { freePort } from './free-port';

export const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** The environment of a bare machine: none of the gateway's variables set. */
export function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

export interface GatewayProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Runs the built gateway (`npm test` builds before jest runs) as `npm start` would. */
export function spawnGateway(env: NodeJS.ProcessEnv): GatewayProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const stop = started(`gateway process ${child.pid}`, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  void exit.then(stop);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    async waitForOutput(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let exited = false;
      void exit.then(() => (exited = true));
      while (Date.now() < deadline) {
        const match = out.match(pattern) ?? err.match(pattern);
        if (match) return match;
        if (exited) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no output matching ${pattern}; stdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-2000)}`);
    },
  };
}
