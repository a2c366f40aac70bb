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
 * A numeric as JavaScript prints Number(value) (12.30 is 12.3). A decimal of at most 15
 * significant digits in plain notation is exactly what a double's shortest form gives back, and
 * trim_scale writes it as JavaScript does; the rest (exponents, more digits, NaN) goes to the
 * migration's js_number_text, whose NULL (a value a double cannot hold exactly) sends the
 * request to the resolvers. Wrap a nullable column in `nullableNumber`.
 */
export function jsonNumber(expression: string): string {
  const x = `(${expression})::numeric`;
  // Significant digits from numeric's plain text (0.00120 -> 12, 1200 -> 1200: conservative for trailing zeros).
  const digits = `length(replace(ltrim(trim_scale(abs(${x}))::text, '0.'), '.', ''))`;
  const plain = `abs(${x}) >= 0.000001 AND abs(${x}) < 1e21 AND ${digits} <= 15`;
  // CASE decides in order: zero never reaches the digit count, the function only the rare rest.
  return `CASE WHEN ${x} = 0 THEN '0' WHEN ${plain} THEN trim_scale(${x})::text ELSE js_number_text(${x}) END`;
}

export const nullableNumber = (expression: string) => `CASE WHEN ${expression} IS NULL THEN 'null' ELSE ${jsonNumber(expression)} END`;

/** Opaque cursors as Buffer#toString('base64url') writes them: no padding, no line breaks. */
export const base64url = (expression: string) => `translate(encode(convert_to(${expression}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
