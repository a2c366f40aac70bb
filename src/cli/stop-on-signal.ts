import type { Logger } from 'pino';

export interface SignalStop {
  logger: Logger;
  /** Logged with the signal when stopping begins. */
  stopping: string;
  /** Past it the process exits 1, whatever is still running. */
  deadlineMs: number;
  /** Stops everything; resolves to the exit code. */
  stop: () => Promise<number>;
}

/**
 * On the first SIGTERM or SIGINT (a process manager's stop, or Ctrl-C), stops once and exits
 * with what `stop` answers; a second signal changes nothing, and a stop that hangs ends at the
 * deadline.
 */
export function stopOnSignal({ logger, stopping, deadlineMs, stop }: SignalStop): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger.info({ signal }, stopping);
    setTimeout(() => {
      logger.error(`stopping took longer than ${deadlineMs / 1000} s; exiting`);
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      (code) => process.exit(code),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
