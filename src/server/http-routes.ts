import { HeaderMap, type ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/token-verifier';
import type { AppConfig } from '../config/config';
import type { RuntimeSecrets } from '../config/development-secrets';
import { DomainError } from '../errors/domain-error';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { metricsRoute } from '../metrics/metrics-route';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { logAuthenticationFailure } from './authentication-failure';
import { corsPolicy } from './cors-policy';
import { demoRoutes } from './demo-route';
import { DevelopmentTokens } from './development-token';
import { documentSizeLimit } from './document-size-limit';
import { explorerRoutes } from './explorer-route';
import { createGraphQLContext, type GraphQLContext } from '../context/graphql-context';
import { healthRoutes, type HealthState } from './health-routes';
import { jsonBody } from './request-body';
import { beforeValidation } from './before-validation.middleware';
import type { OperationLimits } from './operation-limits';
import { requestIdFor } from './request-id';
import type { SchemaVisibility } from './schema-visibility';
import { securityHeaders } from './security-headers';

export interface HttpRoutesOptions {
  config: AppConfig;
  secrets: RuntimeSecrets;
  logger: Logger;
  dataSource: DataSource;
  services: Services;
  pubSub: GatewayPubSub;
  apollo: ApolloServer<GraphQLContext>;
  /** What Apollo parses and validates with, and what is checked before (before-validation.middleware.ts). */
  operationLimits: OperationLimits;
  verifier: TokenVerifier;
  visibility: SchemaVisibility;
  isOriginAllowed: (origin: string | undefined) => boolean;
  metrics: GatewayMetrics;
  health: HealthState;
  /** GraphQL over Server-Sent Events, ahead of /graphql whose prefix it shares. */
  eventStream: express.Router;
  /** The emulator's hosted Link page, for the reference web app; undefined with a real Plaid. */
  linkPageUrl?: string;
}

type RequestWithUser = express.Request & { userId?: string };

/** Everything Express serves: a log line per request, metrics, headers, CORS, health, /metrics, the explorer, the reference web app, /graphql/stream and /graphql. */
export function mountHttpRoutes(app: express.Express, options: HttpRoutesOptions): void {
  const { config, logger, services, pubSub, verifier } = options;
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestIdFor(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      customProps: (req) => ({ userId: (req as RequestWithUser).userId }),
    }),
  );
  app.use(httpMetricsMiddleware(options.metrics), securityHeaders({ httpsOnly: config.publicUrl.startsWith('https:') }));
  const developmentSecret = config.isProduction ? undefined : options.secrets.authJwtSecret;
  const developmentTokens = developmentSecret ? new DevelopmentTokens(developmentSecret, config.auth, config.publicUrl) : undefined;
  // The pages that may carry the development token come before CORS: no other origin is ever
  // let read them, whatever ALLOWED_ORIGINS admits (any origin, in development).
  app.use(explorerRoutes({ visibility: options.visibility, verifier, developmentTokens, logger }));
  // The reference web app is a development and evaluation tool: never served in production.
  if (!config.isProduction) app.use(demoRoutes({ developmentTokens, linkPageUrl: options.linkPageUrl, logger }));
  app.use(corsPolicy(options.isOriginAllowed));
  app.use(healthRoutes(options.dataSource, options.health));
  app.use(metricsRoute(options.metrics, config.metricsToken));
  app.use(options.eventStream);
  app.use(
    '/graphql',
    ...jsonBody(config.limits.maxRequestBytes),
    // Measured before anything parses it (beforeValidation is the first to).
    documentSizeLimit(config.limits.maxDocumentBytes),
    beforeValidation(options.operationLimits),
    expressMiddleware(options.apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        // request-id.ts gives every request a string id.
        const requestId = req.id as string;
        const user = await verifier.verifyAuthorization(req.headers.authorization).catch((error: unknown) => {
          logAuthenticationFailure(req.log, 'http', error);
          if (!(error instanceof DomainError)) throw error;
          // An identity provider outage is no fault of the caller's token: 503, to be retried.
          const retryAfter = error.details.retryAfterSeconds;
          const http =
            error.code === 'SERVICE_UNAVAILABLE'
              ? { status: 503, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
              : { status: 401 };
          throw new GraphQLError(error.message, { originalError: error, extensions: { ...error.details, code: error.code, http } });
        });
        if (user) (req as RequestWithUser).userId = user.id;
        // Express's req.ip, by TRUST_PROXY's rule (gateway.ts sets `trust proxy`); none once the socket is gone.
        return createGraphQLContext({ requestId, user, clientAddress: req.ip ?? '', logger: req.log, services, pubSub });
      },
    }),
  );
}
