import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * js_number_text(numeric): a numeric as JavaScript prints Number(value), laid out from the
 * numeric's own digits as Number::toString lays them out (1e21 is 1e+21, 0.0000001 is 1e-7);
 * NULL where a double cannot hold it exactly (more than 15 significant digits, beyond a
 * double's normal range, NaN/Infinity). The read planner (src/read-planner/json-text-sql.ts)
 * calls it only for the rare amounts outside plain notation. It is a function rather than an
 * inline subquery because PostgreSQL plans every such subquery on each execution: three in the
 * dashboard's statement cost about 10 ms of planning per request, although none ever runs.
 */
export class JsNumberText1796820000000 implements MigrationInterface {
  name = 'JsNumberText1796820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION js_number_text(x numeric) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE
            WHEN e.special OR length(e.d) > 15 OR e.n > 308 OR e.n < -306 THEN NULL
            WHEN e.d = '' THEN '0'
            WHEN e.n >= length(e.d) AND e.n <= 21 THEN e.sign || e.d || repeat('0', e.n - length(e.d))
            WHEN e.n > 0 AND e.n <= 21 THEN e.sign || left(e.d, e.n) || '.' || substr(e.d, e.n + 1)
            WHEN e.n > -6 AND e.n <= 0 THEN e.sign || '0.' || repeat('0', -e.n) || e.d
            ELSE e.sign || left(e.d, 1) || CASE WHEN length(e.d) > 1 THEN '.' || substr(e.d, 2) ELSE '' END
                 || 'e' || CASE WHEN e.n > 0 THEN '+' ELSE '-' END || abs(e.n - 1)::text
          END
          FROM (SELECT x IN ('NaN', 'Infinity', '-Infinity') AS special, CASE WHEN x < 0 THEN '-' ELSE '' END AS sign,
                       rtrim(ltrim(p.i || p.f, '0'), '0') AS d,
                       length(p.i) - (length(p.i || p.f) - length(ltrim(p.i || p.f, '0'))) AS n
                  FROM (SELECT split_part(abs(x)::text, '.', 1) AS i, split_part(abs(x)::text, '.', 2) AS f) p) e
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION js_number_text(numeric)');
  }
}
