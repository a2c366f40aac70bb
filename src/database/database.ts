import path from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { createDataSource, runMigrations } from './data-source';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';
import { EmbeddedDatabaseSupervisor } from './embedded-database-supervisor';

export interface OpenDatabase {
  /** Also for pg-boss, which keeps its jobs in the same database. */
  url: string;
  dataSource: DataSource;
  /** False while the embedded PostgreSQL this process owns is dead (always true with DATABASE_URL). */
  alive: () => boolean;
  /** Closes the pool, then stops the embedded PostgreSQL if one was started. */
  close: () => Promise<void>;
}

/** The embedded PostgreSQL that keeps its data in DATA_DIR; the caller must hold the DATA_DIR lock. */
export function startDataDirDatabase(dataDir: string, password: string, logger: Logger): Promise<EmbeddedDatabase> {
  return startEmbeddedDatabase({ requestedDirectory: path.join(dataDir, 'postgres'), password, databaseName: 'gateway', logger });
}

/**
 * DATABASE_URL, or the embedded PostgreSQL under DATA_DIR; migrated before it is handed out.
 * The caller must hold the DATA_DIR lock when no DATABASE_URL is set.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'database' | 'databasePoolSize'>,
  embeddedPassword: string,
  logger: Logger,
  onQuery?: (sql: string) => void,
  /** The embedded PostgreSQL died and could not be restarted. */
  onEmbeddedGiveUp: (error: Error) => void = () => undefined,
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? undefined : await startDataDirDatabase(config.dataDir, embeddedPassword, logger);
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({ url, poolSize: config.databasePoolSize, timeouts: config.database, onQuery });
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  const supervisor =
    embedded &&
    new EmbeddedDatabaseSupervisor(embedded, { logger: logger.child({ component: 'embedded-postgres' }), onGiveUp: onEmbeddedGiveUp });
  return {
    url,
    dataSource,
    alive: () => supervisor?.alive ?? true,
    close: async () => {
      await dataSource.destroy();
      await supervisor?.stop();
    },
  };
}
