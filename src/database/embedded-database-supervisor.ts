import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { EmbeddedDatabase } from './embedded-database';

export interface SupervisorOptions {
  logger: Logger;
  /** Called once when the cluster died and every restart failed: the gateway must shut down and exit non-zero. */
  onGiveUp: (error: Error) => void;
  checkIntervalMs?: number;
  maxRestarts?: number;
  firstBackoffMs?: number;
}

/**
 * Watches the embedded PostgreSQL this process owns. When its postmaster dies, the cluster
 * is started again, with a bounded number of attempts and a growing pause between them
 * (a killed postmaster's backends take a moment to let go of its shared memory); if none
 * succeeds, `onGiveUp` is called so the process can exit and its own supervisor restart it.
 * `alive` is what /healthz reports, so a liveness probe sees the dead database.
 */
export class EmbeddedDatabaseSupervisor {
  private restarting = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly options: SupervisorOptions,
  ) {
    this.timer = setInterval(() => this.check(), options.checkIntervalMs ?? 500);
    this.timer.unref();
  }

  get alive(): boolean {
    return !this.restarting && this.database.isRunning();
  }

  /** Stops watching, then stops the cluster. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.database.stop();
  }

  private check(): void {
    if (this.stopped || this.restarting || this.database.isRunning()) return;
    this.restarting = true;
    void this.restart().finally(() => (this.restarting = false));
  }

  private async restart(): Promise<void> {
    const { logger } = this.options;
    const maxRestarts = this.options.maxRestarts ?? 5;
    let backoffMs = this.options.firstBackoffMs ?? 250;
    logger.error('embedded PostgreSQL died; restarting it');
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxRestarts && !this.stopped; attempt += 1) {
      await sleep(backoffMs);
      backoffMs *= 2;
      try {
        await this.database.restart();
        logger.warn({ attempt }, 'embedded PostgreSQL restarted');
        return;
      } catch (error) {
        lastError = error;
        logger.error({ err: error, attempt, maxRestarts }, 'embedded PostgreSQL did not restart');
      }
    }
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.options.onGiveUp(
      lastError instanceof Error ? lastError : new Error(`embedded PostgreSQL did not restart after ${maxRestarts} attempts`),
    );
  }
}
