import type { Logger } from 'pino';
import { DataDirInUseError } from '../database/data-dir-lock';
import { EmbeddedDatabaseUnreachableError } from '../database/embedded-postgres-placement';

/** Exits with one line saying why the start failed; a failure nobody foresaw is also logged with its stack. */
export function exitOnStartFailure(error: unknown, logger: Logger): never {
  if (!(error instanceof DataDirInUseError || error instanceof EmbeddedDatabaseUnreachableError)) {
    logger.fatal({ err: error }, 'gateway failed to start');
  }
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
