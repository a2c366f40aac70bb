import { ItemEntity } from '../../src/entities/item.entity';
import { TokenCipher } from '../../src/security/token-cipher';
import type { TestGateway } from './test-gateway';

export interface LinkedItem {
  id: string;
  plaidItemId: string;
  status: string;
}

/** Links an Item the way a client does in the sandbox: public token, then exchange. */
export async function linkItem(gw: TestGateway, token: string, input: { username?: string; institutionId?: string } = {}): Promise<LinkedItem> {
  const created = await gw.graphql<{ sandboxCreatePublicToken: { publicToken: string } }>(
    'mutation($input: SandboxPublicTokenInput) { sandboxCreatePublicToken(input: $input) { publicToken } }',
    { token, variables: { input } },
  );
  if (!created.data) throw new Error(`sandboxCreatePublicToken failed: ${JSON.stringify(created.errors)}`);
  const exchanged = await gw.graphql<{ exchangePublicToken: LinkedItem }>(
    'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id plaidItemId status } }',
    { token, variables: { t: created.data.sandboxCreatePublicToken.publicToken } },
  );
  if (!exchanged.data) throw new Error(`exchangePublicToken failed: ${JSON.stringify(exchanged.errors)}`);
  return exchanged.data.exchangePublicToken;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Item's access token, read the only way a test can: decrypting its row with the gateway's keys. */
export async function accessTokenOf(gw: TestGateway, itemId: string): Promise<string> {
  const row = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: itemId });
  return new TokenCipher(gw.config.tokenEncryptionKeys!).decrypt({ keyId: row.accessTokenKeyId, ciphertext: row.accessTokenCiphertext }, row.id);
}

/** Calls the gateway's Plaid (the emulator) directly, as Plaid's own dashboard or another app would. */
export async function callPlaid<T = Record<string, unknown>>(gw: TestGateway, path: string, body: Record<string, unknown>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gw.gateway.plaidBaseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: gw.config.plaid.clientId, secret: gw.config.plaid.secret, ...body }),
  });
  return { status: response.status, body: (await response.json()) as T };
}
