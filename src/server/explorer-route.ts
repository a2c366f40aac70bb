import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { TokenVerifier } from '../auth/token-verifier';
import { DomainError } from '../errors/domain-error';
import { IDENTITY_PROVIDER_RETRY_AFTER_SECONDS, IdentityProviderUnavailableError } from '../errors/identity-provider-unavailable';
import { logAuthenticationFailure } from './authentication-failure';
import { builtAssetsDir } from './built-assets-dir';
import type { DevelopmentTokens } from './development-token';
import { EXPLORER_CONFIG_ELEMENT_ID, type ExplorerPageConfig } from './explorer-page-config';
import { EXPLORER_TABS } from './explorer-tabs';
import type { SchemaVisibility } from './schema-visibility';

export interface ExplorerOptions {
  visibility: SchemaVisibility;
  verifier: TokenVerifier;
  /** Signs the page's development token; undefined in production and with an identity provider. */
  developmentTokens?: DevelopmentTokens;
  logger: Logger;
}

const ASSETS_PATH = '/explorer';

/**
 * GET /graphql from a browser (HTML preferred over JSON) is the schema explorer: GraphiQL,
 * bundled at build time into dist/explorer and served from ASSETS_PATH by the gateway itself.
 * Any other GET /graphql goes on to Apollo.
 */
export function explorerRoutes(options: ExplorerOptions): Router {
  const assetsDir = builtAssetsDir('explorer');
  const built = existsSync(path.join(assetsDir, 'explorer.js'));
  if (!built)
    options.logger.warn({ assetsDir }, 'the schema explorer is not built (npm run build); GET /graphql from a browser answers 503');

  const router = Router();
  // Middleware rather than a GET route: a router answers OPTIONS for its routes' paths itself,
  // and this one is mounted before CORS (http-routes.ts), whose preflights must reach it.
  router.use('/graphql', async (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/') return next();
    res.vary('Accept');
    if (req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) !== 'text/html') return next();
    res.setHeader('Cache-Control', 'no-store');
    if (!built) {
      res.status(503).type('text/plain').send('The schema explorer is not built: run `npm run build`.\n');
      return;
    }
    const headers = await pageHeaders(req, res, options);
    if (headers === undefined) return;
    res.type('html').send(explorerPage({ graphqlPath: '/graphql', workerUrls: workerUrls(), headers, tabs: [...EXPLORER_TABS] }));
  });
  // Fixed file names, revalidated by ETag on every load: a new build is picked up at once.
  router.use(ASSETS_PATH, express.static(assetsDir, { index: false, cacheControl: true, maxAge: 0, immutable: false }));
  return router;
}

/**
 * The headers editor's JSON, or undefined once a refusal was sent. Outside production the
 * page carries a fresh development token, for the requests development-token.ts allows (the
 * others get an empty editor: the schema still loads, and a pasted token works); in
 * production it is only for partner tokens, and carries the token it was asked with, so the
 * page's own calls are authorised the same way.
 */
async function pageHeaders(req: Request, res: Response, options: ExplorerOptions): Promise<string | undefined> {
  if (options.visibility.mayExplore(null)) {
    const grant = await options.developmentTokens?.grant(req);
    if (!grant || !('token' in grant)) return '{}';
    return JSON.stringify({ authorization: `Bearer ${grant.token}` }, null, 2);
  }
  let user: AuthenticatedUser | null;
  try {
    user = await options.verifier.verifyAuthorization(req.headers.authorization);
  } catch (error) {
    logAuthenticationFailure(options.logger, 'http', error);
    if (error instanceof IdentityProviderUnavailableError) {
      // The token may be good: the page is not refused, the partner is told to reload shortly.
      res.status(503).setHeader('Retry-After', String(IDENTITY_PROVIDER_RETRY_AFTER_SECONDS)).type('text/plain').send(`${error.message}\n`);
      return undefined;
    }
    if (!(error instanceof DomainError)) throw error;
    user = null;
  }
  const needs = `The schema explorer needs Authorization: Bearer <a token with the "${options.visibility.partnerScope}" scope>.\n`;
  if (!user) {
    res.status(401).setHeader('WWW-Authenticate', 'Bearer').type('text/plain').send(needs);
    return undefined;
  }
  if (!options.visibility.mayExplore(user)) {
    res.status(403).type('text/plain').send(needs);
    return undefined;
  }
  return JSON.stringify({ authorization: req.headers.authorization }, null, 2);
}

function workerUrls(): ExplorerPageConfig['workerUrls'] {
  return { editor: `${ASSETS_PATH}/editor.worker.js`, json: `${ASSETS_PATH}/json.worker.js`, graphql: `${ASSETS_PATH}/graphql.worker.js` };
}

function explorerPage(config: ExplorerPageConfig): string {
  // In a <script> element only "</" could end it early; \u003c keeps the JSON intact.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plaid GraphQL gateway: schema explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS_PATH}/explorer.css">
<script type="application/json" id="${EXPLORER_CONFIG_ELEMENT_ID}">${json}</script>
<script defer src="${ASSETS_PATH}/explorer.js"></script>
</head>
<body>
<div id="graphiql">Loading the schema explorer…</div>
</body>
</html>
`;
}
