import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { Pool } from 'pg';
import { dashboard } from './hand-written-dashboard';
import { transactionsList } from './hand-written-transactions';

/**
 * The read benchmark's baseline: the answers of its two screens written by hand with
 * node:http, pg and the gateway's JWT check (jose, HS256, `sub` and `exp` required), from the
 * same database and the same size of pool, byte for byte the JSON the gateway sends.
 * POST /dashboard (the body is not read: it knows one query) and
 * GET /transactions?first=&search=&from=&to= (what a REST endpoint for the list would take).
 * It parses no GraphQL, so what it costs is the floor a GraphQL layer adds to.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
const DASHBOARD_PAGE = Number(process.env.DASHBOARD_PAGE_SIZE);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PAGE = 500;

class BadRequest extends Error {}

function answerFor(url: string, userId: string): Promise<string> {
  const [path, search = ''] = url.split('?', 2);
  if (path === '/dashboard') return dashboard(pool, userId, DASHBOARD_PAGE);
  if (path !== '/transactions') throw new BadRequest(`no route ${path}`);
  const query = new URLSearchParams(search);
  const first = Number(query.get('first'));
  const [from, to] = [query.get('from') ?? '', query.get('to') ?? ''];
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE || !DATE.test(from) || !DATE.test(to)) {
    throw new BadRequest('first, from or to is missing or malformed');
  }
  return transactionsList(pool, userId, { first, search: query.get('search') ?? '', from, to });
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return void res.writeHead(401).end();
    jwtVerify(match[1], secret, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] })
      .then(({ payload }) => answerFor(req.url ?? '', String(payload.sub)))
      .then(
        (body) =>
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body),
        (error: { code?: string }) => res.writeHead(error instanceof BadRequest ? 400 : error.code?.startsWith('ERR_J') ? 401 : 500).end(),
      );
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('SIGTERM', () => server.close(() => void pool.end()));
