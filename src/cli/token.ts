import 'reflect-metadata';
import { issueToken } from '../auth/token-issuer';
import { loadOrCreateStoredSecrets } from '../config/development-secrets';
import { loadConfigOrExit } from './exit-on-config-error';

/** `npm run token -- <userId> [--scope a,b] [--ttl 24h]`: prints a bearer token the running gateway accepts. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args.splice(index, 2)[1] : undefined;
  };
  const scopes = option('--scope')?.split(',').filter(Boolean) ?? [];
  const ttl = option('--ttl') ?? '24h';
  const userId = args[0];
  if (!userId) {
    process.stderr.write('Usage: npm run token -- <userId> [--scope a,b] [--ttl 24h]\n');
    process.exit(64);
  }
  const config = loadConfigOrExit();
  if (config.auth.jwksUrl) {
    process.stderr.write('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.\n');
    process.exit(1);
  }
  const secret = config.auth.jwtSecret ?? (await loadOrCreateStoredSecrets(config.dataDir)).authJwtSecret;
  process.stdout.write(`${await issueToken(secret, config.auth, userId, { expiresIn: ttl, scopes })}\n`);
}

void main();
