import type { DataSource } from 'typeorm';

/** PostgreSQL's error classes where a value cannot be read as the statement reads it (a numeric beyond float8, ...). */
const DATA_EXCEPTION = /^22/;

/**
 * Runs the read planner's statements (src/read-planner/read-plan-sql.ts builds them): one
 * text value, the response's `data` as JSON. Null when the statement says the resolvers must
 * answer (its NULL), or a value of the rows could not be written as the resolvers write it.
 */
export class PlannedReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(sql: string, params: unknown[]): Promise<string | null> {
    try {
      const rows: Array<{ data: string | null }> = await this.dataSource.query(sql, params);
      return rows[0]?.data ?? null;
    } catch (error) {
      if (DATA_EXCEPTION.test(String((error as { code?: unknown }).code))) return null;
      throw error;
    }
  }
}
