import helmet from 'helmet';

/**
 * helmet's headers on every response. The CSP admits only the gateway's own files, which is
 * all the bundled explorer loads: its scripts, its stylesheet, Monaco's workers, and its
 * fetch and WebSocket calls back to /graphql.
 */
export function securityHeaders(options: { httpsOnly: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Monaco positions its editors with style attributes and injects <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain HTTP (development, or TLS ended by a proxy that says so in PUBLIC_URL) it would break every asset.
        upgradeInsecureRequests: options.httpsOnly ? [] : null,
      },
    },
  });
}
