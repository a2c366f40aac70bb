import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';

/** Past the gateway's own 10 s shutdown deadline: then it is killed. */
const STOP_DEADLINE_MS = 15_000;

/**
 * The gateway as a child process (`node dist/src/main.js`) that `npm run dev` replaces after
 * each change: the old one stops gracefully before the new one starts on the same port.
 */
export class GatewayChild {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private queue: Promise<void> = Promise.resolve();
  private waiting?: Promise<void>;
  private stopping = false;

  constructor(private readonly options: { main: string; env: NodeJS.ProcessEnv; logger: Logger }) {}

  /** Stops the running gateway, if any, and starts a new one; changes that arrive while one restart waits share it. */
  restart(reason: string): Promise<void> {
    if (this.waiting) return this.waiting;
    const next = this.queue.then(async () => {
      this.waiting = undefined;
      await this.stopChild();
      if (this.stopping) return;
      this.options.logger.info({ reason }, 'starting the gateway');
      this.startChild();
    });
    this.waiting = next;
    this.queue = next;
    return next;
  }

  /** Stops the gateway for good. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue;
    await this.stopChild();
  }

  /** For a process exit that cannot wait: the gateway is told to stop, whatever happens next. */
  signalStop(): void {
    this.child?.kill('SIGTERM');
  }

  private startChild(): void {
    const child = spawn(process.execPath, [this.options.main], { env: this.options.env, stdio: 'inherit' });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          if (!this.stopping) {
            this.options.logger.warn({ code, signal }, 'the gateway exited; it starts again on the next change (or type rs)');
          }
        }
        resolve();
      }),
    );
  }

  private async stopChild(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill('SIGTERM');
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await this.exited;
    clearTimeout(deadline);
  }
}
