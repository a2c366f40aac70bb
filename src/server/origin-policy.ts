import type { AppConfig } from '../config/config';

export type OriginPolicy = (origin: string | undefined) => boolean;

/**
 * Which browser origins may call the gateway, over HTTP (CORS) and WebSocket alike:
 * ALLOWED_ORIGINS when set; otherwise the gateway's own PUBLIC_URL in production and any
 * origin in development. Clients that send no Origin (mobile apps, servers) are not
 * browsers and are let through to authenticate.
 */
export function createOriginPolicy(config: Pick<AppConfig, 'allowedOrigins' | 'isProduction' | 'publicUrl'>): OriginPolicy {
  const allowed = new Set(
    config.allowedOrigins.length > 0 ? config.allowedOrigins : config.isProduction ? [new URL(config.publicUrl).origin] : [],
  );
  return (origin) => origin === undefined || allowed.size === 0 || allowed.has(origin.replace(/\/+$/, ''));
}
