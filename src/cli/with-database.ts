import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { RuntimeSecrets } from '../config/development-secrets';
import { lockDataDir } from '../database/data-dir-lock';
import { openDatabase } from '../database/database';

/**
 * For commands run beside (or instead of) the gateway: the same database it uses, migrated,
 * with DATA_DIR held when that database is the embedded one (so never two at once).
 */
export async function withDatabase<T>(
  config: AppConfig,
  secrets: RuntimeSecrets,
  logger: Logger,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const release = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  try {
    const database = await openDatabase(config, secrets.embeddedDatabasePassword, logger);
    try {
      return await work(database.dataSource);
    } finally {
      await database.close();
    }
  } finally {
    await release?.();
  }
}
