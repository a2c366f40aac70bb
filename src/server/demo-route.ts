import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import { builtAssetsDir } from './built-assets-dir';
import type { DevelopmentTokenWithheld, DevelopmentTokens } from './development-token';

export interface DemoOptions {
  /** Undefined when tokens come from an identity provider. */
  developmentTokens?: DevelopmentTokens;
  /** The emulator's hosted Link page; undefined with a real Plaid (the app opens Plaid Link). */
  linkPageUrl?: string;
  logger: Logger;
}

const DEMO_PATH = '/demo';

/** What /demo/session.json tells the page (examples/web/src/session.ts reads it). */
export interface DemoSession {
  developmentToken: string | null;
  /** Why the token is null although the gateway has one, in words for the page to show. */
  developmentTokenWithheld?: { reason: DevelopmentTokenWithheld; message: string };
  linkPageUrl: string | null;
}

/**
 * The reference web app (examples/web, built into dist/demo) at /demo/, mounted outside
 * production only. Beside its files, /demo/session.json tells the page a development token
 * (to the requests development-token.ts allows) and where Link opens; everything else the app
 * does goes through the public GraphQL API. A request refused the token still gets the rest:
 * the page works with a token in its address.
 */
export function demoRoutes(options: DemoOptions): Router {
  const assetsDir = builtAssetsDir('demo');
  const built = existsSync(path.join(assetsDir, 'index.html'));
  if (!built) options.logger.warn({ assetsDir }, 'the reference web app is not built (npm run build); /demo/ answers 503');

  const router = Router();
  router.use(DEMO_PATH, (_req, res, next) => {
    // The emulator's Link page opens as a popup of another origin and posts its result back to its opener.
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    next();
  });
  router.get(`${DEMO_PATH}/session.json`, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const grant = await options.developmentTokens?.grant(req);
    const session: DemoSession = {
      developmentToken: grant && 'token' in grant ? grant.token : null,
      ...(grant && 'withheld' in grant ? { developmentTokenWithheld: { reason: grant.withheld, message: grant.message } } : {}),
      linkPageUrl: options.linkPageUrl ?? null,
    };
    res.json(session);
  });
  if (!built) {
    router.use(DEMO_PATH, (_req, res) => {
      res.status(503).type('text/plain').send('The reference web app is not built: run `npm run build`.\n');
    });
    return router;
  }
  // Vite names its bundles by content hash: those may be cached for good, index.html never.
  router.use(`${DEMO_PATH}/assets`, express.static(path.join(assetsDir, 'assets'), { index: false, immutable: true, maxAge: '365d' }));
  router.get([DEMO_PATH, `${DEMO_PATH}/`], (req, res) => {
    if (!req.path.endsWith('/')) return res.redirect(301, `${DEMO_PATH}/`);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(assetsDir, 'index.html'));
  });
  return router;
}
