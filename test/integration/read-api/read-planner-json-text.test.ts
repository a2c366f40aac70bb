import { Client } from 'pg';
import { base64url, jsonDateTime, jsonNumber, jsonString } from '../../../src/read-planner/json-text-sql';

/**
 * PostgreSQL writes each value as JSON.stringify writes what the resolvers hand graphql-js:
 * a numeric as Number(text) prints (12.30 as 12.3), strings escaped alike, timestamps as
 * Date#toISOString of node-pg's Date, cursors as base64url.
 */
describe("the read planner's JSON text", () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  const written = async (sql: string, values: unknown[]): Promise<Array<string | null>> =>
    (
      await client.query<{ json: string | null }>(
        `SELECT ${sql} AS json FROM unnest($1::text[]) WITH ORDINALITY AS v(value, n) ORDER BY n`,
        [values],
      )
    ).rows.map((row) => row.json);

  const AWKWARD = [
    '12.30',
    '-12.30',
    '0',
    '-0',
    '0.00',
    '100',
    '100.000',
    '-7',
    '0.1',
    '0.10',
    '-0.5',
    '0.01',
    '-0.001',
    '1000000.00',
    '99999999999.99',
    '123456789012.345',
    '999999999999999',
    '100000000000000000000',
    '1000000000000000000000',
    '1e21',
    '123456789012345e10',
    '0.000001',
    '0.0000001',
    '0.00000123',
    '5e-7',
    '1e-300',
    '1.5e307',
    '2.5e-300',
    '0.30000000000000',
    '314159265358979e-14',
  ];

  it('prints awkward numerics as JavaScript prints Number(value)', async () => {
    const json = await written(jsonNumber('v.value::numeric'), AWKWARD);
    expect(json).toEqual(AWKWARD.map((value) => JSON.stringify(Number(value))));
  });

  it('prints 2,000 generated numerics of up to 15 digits at every scale as JavaScript does', async () => {
    // A fixed LCG: the same values every run.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    const values = Array.from({ length: 2000 }, () => {
      const digits = String(next())
        .padEnd(1 + (next() % 15), String(next() % 10))
        .slice(0, 1 + (next() % 15));
      return `${next() % 2 ? '-' : ''}${digits}e${(next() % 80) - 40}`;
    });
    const json = await written(jsonNumber('v.value::numeric'), values);
    expect(json).toEqual(values.map((value) => JSON.stringify(Number(value))));
  });

  it('leaves to the resolvers what a double cannot carry exactly: more than 15 digits, beyond its range, NaN', async () => {
    const json = await written(jsonNumber('v.value::numeric'), ['12345678901234567.89', '0.1234567890123456', '1.5e308', '1e-320', 'NaN']);
    expect(json).toEqual([null, null, null, null, null]);
  });

  it('escapes strings as JSON.stringify does', async () => {
    const strings = [
      Array.from({ length: 31 }, (_, code) => String.fromCharCode(code + 1)).join(''),
      'quotes " and \' and \\ backslash / slash',
      'Zoë 日本語 🚀 \u2028\u2029 \u007f',
    ];
    expect(await written(jsonString('v.value'), strings)).toEqual(strings.map((value) => JSON.stringify(value)));
  });

  it('writes timestamps as Date#toISOString of the Date node-pg reads, microseconds truncated', async () => {
    const stamps = ['2026-01-05 10:20:30.123999+00', '2026-12-31 23:59:59.999999+00', '2026-03-01 00:00:00+02', '1999-07-04 12:00:00.5+00'];
    const dates = (await client.query<{ at: Date }>('SELECT v::timestamptz AS at FROM unnest($1::text[]) AS v', [stamps])).rows;
    expect(await written(jsonDateTime('v.value::timestamptz'), stamps)).toEqual(dates.map(({ at }) => JSON.stringify(at)));
  });

  it('writes cursors as base64url without padding', async () => {
    const keys = ['2026-01-05|0f8e4f5c-1111-4222-8333-444455556666', 'a', 'ab', 'abc?>>'];
    expect(await written(base64url('v.value'), keys)).toEqual(keys.map((key) => Buffer.from(key, 'utf8').toString('base64url')));
  });
});
