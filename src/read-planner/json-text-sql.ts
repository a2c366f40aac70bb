/**
 * SQL expressions that print one value as the JSON text JSON.stringify gives for what the
 * resolvers hand graphql-js, so PostgreSQL's answer can be sent as it is. Built as text
 * (`||`), not with json_build_object, whose output has spaces JSON.stringify does not write.
 * A NULL goes through `||` as NULL: nullable values say `null` themselves (`orNull`), and a
 * NULL left in a non-null place makes the whole answer NULL, which sends the request to the
 * resolvers (they report it as today).
 */

/** A string constant of the statement (keys, enum names): ours, never the client's. */
export function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** PostgreSQL escapes strings in JSON as JSON.stringify does (quotes, backslash, control characters as \u00xx). */
export const jsonString = (expression: string) => `to_json(${expression})::text`;

export const orNull = (expression: string) => `coalesce(${expression}, 'null')`;

export const jsonBoolean = (expression: string) => `CASE WHEN ${expression} THEN 'true' WHEN NOT ${expression} THEN 'false' END`;

/** An RFC 3339 timestamp in UTC with milliseconds, truncated as node-pg's Date truncates microseconds: Date#toISOString. */
export const jsonDateTime = (expression: string) =>
  `('"' || to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"')`;

/**
 * A numeric as JavaScript prints Number(value) (12.30 is 12.3, 1e21 is 1e+21, 0.0000001 is
 * 1e-7), laid out from the numeric's own digits as Number::toString lays them out. A decimal
 * of at most 15 significant digits is exactly what a double's shortest form gives back; one
 * with more, beyond a double's normal range, or NaN/Infinity is NULL, which sends the request
 * to the resolvers (PostgreSQL's float8 text is not always the shortest: 6.226e21 comes out as
 * 6.225999999999999e+21). Wrap a nullable column in `nullableNumber`.
 */
export function jsonNumber(expression: string): string {
  const x = `(${expression})::numeric`;
  // Significant digits from numeric's plain text (0.00120 -> 12, 1200 -> 1200: conservative for trailing zeros).
  const digits = `length(replace(ltrim(trim_scale(abs(${x}))::text, '0.'), '.', ''))`;
  // Most amounts: plain notation with at most 15 significant digits, which trim_scale writes as JavaScript does.
  const plain = `abs(${x}) >= 0.000001 AND abs(${x}) < 1e21 AND ${digits} <= 15`;
  // d: the significant digits, n: where the decimal point goes, as Number::toString names them.
  const laidOut = `(SELECT CASE
      WHEN e.special OR length(e.d) > 15 OR e.n > 308 OR e.n < -306 THEN NULL
      WHEN e.n >= length(e.d) AND e.n <= 21 THEN e.sign || e.d || repeat('0', e.n - length(e.d))
      WHEN e.n > 0 AND e.n <= 21 THEN e.sign || left(e.d, e.n) || '.' || substr(e.d, e.n + 1)
      WHEN e.n > -6 AND e.n <= 0 THEN e.sign || '0.' || repeat('0', -e.n) || e.d
      ELSE e.sign || left(e.d, 1) || CASE WHEN length(e.d) > 1 THEN '.' || substr(e.d, 2) ELSE '' END
           || 'e' || CASE WHEN e.n > 0 THEN '+' ELSE '-' END || abs(e.n - 1)::text
    END
    FROM (SELECT v.x IN ('NaN', 'Infinity', '-Infinity') AS special, CASE WHEN v.x < 0 THEN '-' ELSE '' END AS sign,
                 rtrim(ltrim(p.i || p.f, '0'), '0') AS d,
                 length(p.i) - (length(p.i || p.f) - length(ltrim(p.i || p.f, '0'))) AS n
            FROM (SELECT split_part(abs(v.x)::text, '.', 1) AS i, split_part(abs(v.x)::text, '.', 2) AS f) p) e)`;
  // Inline, not a subquery per value: every amount of a page goes through here. CASE decides in
  // order (zero never reaches the digit count) and runs the laid-out subquery only for the rare rest.
  return `CASE WHEN ${x} = 0 THEN '0' WHEN ${plain} THEN trim_scale(${x})::text
    ELSE (SELECT ${laidOut} FROM (SELECT ${x} AS x) v) END`;
}

export const nullableNumber = (expression: string) => `CASE WHEN ${expression} IS NULL THEN 'null' ELSE ${jsonNumber(expression)} END`;

/** Opaque cursors as Buffer#toString('base64url') writes them: no padding, no line breaks. */
export const base64url = (expression: string) => `translate(encode(convert_to(${expression}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
