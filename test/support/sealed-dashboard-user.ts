import { TokenCipher } from '../../src/security/token-cipher';
import { seedDashboardUser, type DashboardShape } from './dashboard-seed';
import { newUserId, type TestGateway } from './test-gateway';

/** A new user with `shape`'s Items, accounts and transactions written directly, access tokens sealed as the gateway seals them. */
export async function seedSealedDashboardUser(gw: TestGateway, prefix: string, shape: DashboardShape): Promise<string> {
  const userId = newUserId(prefix);
  const cipher = new TokenCipher(gw.config.tokenEncryptionKeys!);
  await seedDashboardUser(gw.gateway.dataSource, userId, shape, (itemId) => cipher.encrypt(`access-sandbox-${itemId}`, itemId));
  return userId;
}
