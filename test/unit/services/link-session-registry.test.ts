import { randomBytes } from 'node:crypto';
import { AxiosError } from 'axios';
import { PlaidErrorType } from 'plaid';
import pino from 'pino';
import type { IssuedLinkTokenEntity } from '../../../src/entities/issued-link-token.entity';
import { DomainError } from '../../../src/errors/domain-error';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import type { PlaidClient } from '../../../src/plaid/plaid-client';
import type { NewIssuedLinkToken } from '../../../src/repositories/issued-link-token.repository';
import type { NewIssuedPublicToken } from '../../../src/repositories/issued-public-token.repository';
import { TokenCipher } from '../../../src/security/token-cipher';
import { publicTokenSha256 } from '../../../src/services/link-session-binding';
import { LinkSessionRegistry } from '../../../src/services/link-session-registry';

const CHECKED = 3;
const cipher = new TokenCipher([{ id: 'k1', key: randomBytes(32) }]);

/** Plaid's /link/token/get, answering per link token: its sessions' public tokens, or an error. */
type Answer = string[] | PlaidApiError;

describe('LinkSessionRegistry: a public token is exchanged only by the user whose Link made it', () => {
  let stored: IssuedLinkTokenEntity[];
  let sandboxTokens: NewIssuedPublicToken[];
  let answers: Map<string, Answer>;
  let asked: string[];
  let registry: LinkSessionRegistry;

  beforeEach(() => {
    stored = [];
    sandboxTokens = [];
    answers = new Map();
    asked = [];
    const plaid: Pick<PlaidClient, 'call'> = {
      call: (async (_method: string, request: { link_token: string }) => {
        asked.push(request.link_token);
        const answer = answers.get(request.link_token) ?? [];
        if (answer instanceof PlaidApiError) throw answer;
        return {
          link_sessions: answer.map((token, index) => ({
            link_session_id: `s${index}`,
            on_success: { public_token: token, metadata: null },
          })),
        };
      }) as PlaidClient['call'],
    };
    registry = new LinkSessionRegistry({
      plaid,
      cipher,
      linkTokens: {
        record: async (token: NewIssuedLinkToken) => {
          stored.unshift({ ...token, createdAt: new Date() });
        },
        // Newest first, as the repository answers.
        findExchangeable: async (userId: string, limit: number) => stored.filter((row) => row.userId === userId).slice(0, limit),
      },
      publicTokens: {
        record: async (token: NewIssuedPublicToken) => {
          sandboxTokens.push(token);
        },
        isIssuedTo: async (userId: string, sha256: string) =>
          sandboxTokens.some((t) => t.userId === userId && t.publicTokenSha256 === sha256),
      },
      linkTokensChecked: CHECKED,
      logger: pino({ level: 'silent' }),
    });
  });

  const openLink = async (userId: string, linkToken: string, publicTokens: Answer) => {
    answers.set(linkToken, publicTokens);
    await registry.recordLinkToken(userId, linkToken, new Date(Date.now() + 4 * 3600_000));
  };

  it('keeps link tokens sealed, bound to their row, and valid 30 minutes past their expiry', async () => {
    const expiration = new Date('2030-01-01T04:00:00Z');
    await registry.recordLinkToken('alice', 'link-sandbox-1', expiration);
    const [row] = stored;
    expect(row.linkTokenCiphertext.toString('latin1')).not.toContain('link-sandbox-1');
    expect(cipher.decrypt({ keyId: row.linkTokenKeyId, ciphertext: row.linkTokenCiphertext }, row.id)).toBe('link-sandbox-1');
    expect(row.exchangeableUntil.toISOString()).toBe('2030-01-01T04:30:00.000Z');
  });

  it("accepts a public token from the user's own Link, asking Plaid about the newest link token first", async () => {
    await openLink('alice', 'link-old', ['public-from-old']);
    await openLink('alice', 'link-new', ['public-from-new']);
    await expect(registry.issuedTo('alice', 'public-from-new')).resolves.toBe(true);
    expect(asked).toEqual(['link-new']);
    await expect(registry.issuedTo('alice', 'public-from-old')).resolves.toBe(true);
  });

  it("refuses another user's public token without asking about that user's link tokens", async () => {
    await openLink('alice', 'link-alice', ['public-alice']);
    await openLink('mallory', 'link-mallory', []);
    await expect(registry.issuedTo('mallory', 'public-alice')).resolves.toBe(false);
    expect(asked).toEqual(['link-mallory']);
  });

  it('asks Plaid about at most LINK_TOKENS_CHECKED_PER_EXCHANGE link tokens', async () => {
    await openLink('alice', 'link-0', ['public-0']);
    for (let i = 1; i <= CHECKED; i++) await openLink('alice', `link-${i}`, []);
    await expect(registry.issuedTo('alice', 'public-0')).resolves.toBe(false);
    expect(asked).toHaveLength(CHECKED);
    expect(asked).not.toContain('link-0');
  });

  it('binds a sandbox public token to its user by its SHA-256, with no Plaid call', async () => {
    await registry.recordSandboxPublicToken('alice', 'public-sandbox');
    expect(sandboxTokens).toEqual([
      { userId: 'alice', publicTokenSha256: publicTokenSha256('public-sandbox'), exchangeableUntil: expect.any(Date) },
    ]);
    await expect(registry.issuedTo('alice', 'public-sandbox')).resolves.toBe(true);
    await expect(registry.issuedTo('mallory', 'public-sandbox')).resolves.toBe(false);
    expect(asked).toEqual([]);
  });

  it('passes over a link token Plaid no longer knows, or one sealed under a dropped key', async () => {
    await openLink('alice', 'link-good', ['public-a']);
    await openLink(
      'alice',
      'link-forgotten',
      PlaidApiError.fromPlaidError('linkTokenGet', {
        error_type: PlaidErrorType.InvalidInput,
        error_code: 'INVALID_LINK_TOKEN',
        error_message: 'could not find matching link token',
        display_message: null,
        request_id: 'r',
      }),
    );
    await openLink('alice', 'link-unreadable', []);
    stored[0] = { ...stored[0], linkTokenKeyId: 'dropped' };
    await expect(registry.issuedTo('alice', 'public-a')).resolves.toBe(true);
    expect(asked).toEqual(['link-forgotten', 'link-good']);
  });

  it('answers an outage at Plaid with its typed error, deciding nothing', async () => {
    await openLink('alice', 'link-a', PlaidApiError.from('linkTokenGet', new AxiosError('timeout of 1ms exceeded', 'ECONNABORTED')));
    const failure = await registry.issuedTo('alice', 'public-a').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'PLAID_UNAVAILABLE' });
  });
});
