import { types } from 'pg';
import type { DatabaseTimeouts } from '../config/config';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

// DATE columns as 'YYYY-MM-DD' strings: pg would otherwise build a local-time Date and shift the day.
types.setTypeParser(types.builtins.DATE, (value) => value);

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Defaults suit tools and tests; the gateway passes DATABASE_ACQUIRE_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS. */
  timeouts?: DatabaseTimeouts;
  /** Called with every SQL statement; used by tests that count statements. */
  onQuery?: (sql: string) => void;
}

const DEFAULT_TIMEOUTS: DatabaseTimeouts = { acquireTimeoutMs: 5_000, statementTimeoutMs: 60_000 };

export function createDataSource({ url, poolSize = 10, timeouts = DEFAULT_TIMEOUTS, onQuery }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: poolSize,
      application_name: 'plaid-graphql-gateway',
      connectionTimeoutMillis: timeouts.acquireTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      // statement_timeout is the server's; a frozen or unreachable server never sends it, so the client stops waiting too.
      query_timeout: timeouts.statementTimeoutMs + 1_000,
      idle_in_transaction_session_timeout: timeouts.statementTimeoutMs * 6,
      keepAlive: true,
    },
    logging: onQuery ? ['query'] : false,
    logger: onQuery
      ? {
          logQuery: (query) => onQuery(query),
          logQueryError: () => undefined,
          logQuerySlow: () => undefined,
          logSchemaBuild: () => undefined,
          logMigration: () => undefined,
          log: () => undefined,
        }
      : undefined,
  });
}

/** Serialises concurrent starts (several instances, one database) on a session advisory lock. */
const MIGRATION_LOCK_ID = 727_501_031;

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
