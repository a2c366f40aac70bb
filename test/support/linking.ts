import { ItemEntity } from '../../src/entities/item.entity';
import { TokenCipher } from '../../src/security/token-cipher';
import { graphql } from '../generated';
import type { TestGateway } from './test-gateway';

export interface LinkedItem {
  id: string;
  plaidItemId: string;
  status: string;
}

const CreateSandboxPublicToken = graphql(`
  mutation CreateSandboxPublicToken($input: SandboxPublicTokenInput) {
    sandboxCreatePublicToken(input: $input) {
      publicToken
    }
  }
`);

const ExchangePublicToken = graphql(`
  mutation ExchangePublicToken($publicToken: String!) {
    exchangePublicToken(input: { publicToken: $publicToken }) {
      id
      plaidItemId
      status
    }
  }
`);

/** Links an Item the way a client does in the sandbox: public token, then exchange. */
export async function linkItem(
  gw: Pick<TestGateway, 'graphql'>,
  token: string,
  input: { username?: string; institutionId?: string } = {},
): Promise<LinkedItem> {
  const created = await gw.graphql(CreateSandboxPublicToken, { token, variables: { input } });
  if (!created.data) throw new Error(`sandboxCreatePublicToken failed: ${JSON.stringify(created.errors)}`);
  const exchanged = await gw.graphql(ExchangePublicToken, {
    token,
    variables: { publicToken: created.data.sandboxCreatePublicToken.publicToken },
  });
  if (!exchanged.data) throw new Error(`exchangePublicToken failed: ${JSON.stringify(exchanged.errors)}`);
  return exchanged.data.exchangePublicToken;
}

/**
 * Opens Link for the user, as a client does before Link: a link token the gateway records for
 * them. Give it to the emulator's `createItem({ linkToken })` to make an Item of chosen shape as
 * one of its Link sessions, whose public token only this user can exchange.
 */
export async function openLink(gw: Pick<TestGateway, 'graphql'>, token: string): Promise<string> {
  const created = await gw.graphql<{ createLinkToken: { linkToken: string } }>('mutation { createLinkToken { linkToken } }', { token });
  if (!created.data) throw new Error(`createLinkToken failed: ${JSON.stringify(created.errors)}`);
  return created.data.createLinkToken.linkToken;
}

/** A person completing the emulator's hosted Link page for this link token: the public token the page hands over (onSuccess). */
export async function completeHostedLink(gw: Pick<TestGateway, 'gateway'>, linkToken: string): Promise<string> {
  const page = await fetch(`${gw.gateway.plaidBaseUrl}/link/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: linkToken,
      institution_id: 'ins_109508',
      username: 'user_good',
      password: 'pass_good',
      origin: 'http://localhost',
    }).toString(),
  });
  const publicToken = /public-sandbox-[0-9a-f-]+/.exec(await page.text())?.[0];
  if (!publicToken) throw new Error(`the hosted Link page handed over no public token (HTTP ${page.status})`);
  return publicToken;
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

/**
 * Waits until the gateway has nothing left to do for these Items: every webhook Plaid has sent
 * them delivered and acted on, and no sync or recurring stream refresh of theirs waiting or running. A link brings
 * several webhooks and syncs after its first sync; a test that compares the API with the
 * database must not race them.
 */
export async function settled(gw: TestGateway, itemIds: string[]): Promise<void> {
  await gw.emulator.flushWebhooks();
  const busyWork = (): Promise<Array<{ what: string }>> =>
    gw.gateway.dataSource.query(
      `SELECT 'webhook ' || e.webhook_type || ' ' || e.webhook_code AS what
         FROM webhook_events e JOIN items i ON i.plaid_item_id = e.plaid_item_id WHERE i.id = ANY($1::uuid[]) AND e.outcome = 'PENDING'
       UNION ALL
       SELECT name || ' job ' || state || ' retries=' || retry_count || ' start_after=' || start_after || ' output=' || coalesce(output::text, '')
         FROM "${gw.config.jobs.schema}".job WHERE name IN ('transactions-sync', 'recurring-refresh') AND state IN ('created', 'retry', 'active') AND data->>'itemId' = ANY($1::text[])`,
      [itemIds],
    );
  // A sync that failed waits out pg-boss's back-off (5 s, then 10 s) before its retry: still work to wait for, not a hang.
  await eventually(async () => ((await busyWork()).length === 0 ? true : undefined), 60_000, 'the Items to settle').catch(
    async (error: Error) => {
      throw new Error(`${error.message}; still busy: ${JSON.stringify(await busyWork())}`);
    },
  );
}

/** The Item's access token, read the only way a test can: decrypting its row with the gateway's keys. */
export async function accessTokenOf(gw: TestGateway, itemId: string): Promise<string> {
  const row = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: itemId });
  return new TokenCipher(gw.config.tokenEncryptionKeys!).decrypt(
    { keyId: row.accessTokenKeyId, ciphertext: row.accessTokenCiphertext },
    row.id,
  );
}

/** Calls the gateway's Plaid (the emulator) directly, as Plaid's own dashboard or another app would. */
export async function callPlaid<T = Record<string, unknown>>(
  gw: TestGateway,
  path: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gw.gateway.plaidBaseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: gw.config.plaid.clientId, secret: gw.config.plaid.secret, ...body }),
  });
  return { status: response.status, body: (await response.json()) as T };
}
