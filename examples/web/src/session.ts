/** What the app needs before its first request: a bearer token and how to open Link. */
export interface Session {
  token: string;
  /** The emulator's hosted Link page; null with a real Plaid, whose own Link opens instead. */
  linkPageUrl: string | null;
}

/** The gateway's /demo/session.json (src/server/demo-route.ts). */
interface SessionConfig {
  developmentToken: string | null;
  /** Set when the gateway keeps its token from this browser (not on its machine, or another origin asked). */
  developmentTokenWithheld?: { reason: string; message: string };
  linkPageUrl: string | null;
}

/**
 * A real app gets its token from its identity provider. Here `#token=<jwt>` in the address
 * wins (tests give each run its own user); otherwise the gateway's development token for
 * the user "demo", which it hands out only outside production, to a browser on its machine.
 */
export async function loadSession(): Promise<Session> {
  const response = await fetch('/demo/session.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /demo/session.json answered ${response.status}`);
  const config = (await response.json()) as SessionConfig;
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  const token = fromAddress ?? config.developmentToken;
  if (!token) throw new Error(config.developmentTokenWithheld?.message ?? 'No token: open the page as /demo/#token=<a bearer token>');
  return { token, linkPageUrl: config.linkPageUrl };
}
