import type { LinkTokenGetResponse } from 'plaid';
import { exchangeableUntil, publicTokenSha256, publicTokensOfSessions } from '../../../src/services/link-session-binding';

type Sessions = Pick<LinkTokenGetResponse, 'link_sessions'>;

const results = (...publicTokens: string[]) => ({
  item_add_results: publicTokens.map((public_token) => ({ public_token, accounts: [], institution: null })),
  cra_item_add_results: [],
  cra_update_results: [],
  bank_income_results: [],
  payroll_income_results: [],
  document_income_results: null,
});

describe('which public tokens a link token vouches for', () => {
  it.each<[string, Sessions, string[]]>([
    ['no sessions reported', {}, []],
    ['a session not finished', { link_sessions: [{ link_session_id: 's1', results: null, on_success: null }] }, []],
    ['one Item added', { link_sessions: [{ link_session_id: 's1', results: results('public-a') }] }, ['public-a']],
    [
      'multi-Item Link: several Items in one session',
      { link_sessions: [{ link_session_id: 's1', results: results('public-a', 'public-b') }] },
      ['public-a', 'public-b'],
    ],
    [
      "an older integration's on_success",
      { link_sessions: [{ link_session_id: 's1', on_success: { public_token: 'public-c', metadata: null } }] },
      ['public-c'],
    ],
    [
      'several sessions, of either kind',
      {
        link_sessions: [
          { link_session_id: 's1', results: results('public-a') },
          { link_session_id: 's2', on_success: { public_token: 'public-c', metadata: null } },
        ],
      },
      ['public-a', 'public-c'],
    ],
  ])('%s', (_case, answer, expected) => {
    expect(publicTokensOfSessions(answer)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['a new-Item link token (4 hours)', '2026-01-01T04:00:00.000Z', '2026-01-01T04:30:00.000Z'],
    ['an update-mode link token (30 minutes)', '2026-01-01T00:30:00.000Z', '2026-01-01T01:00:00.000Z'],
  ])('a public token from %s can be exchanged until 30 minutes past its expiry', (_case, expiration, until) => {
    expect(exchangeableUntil(new Date(expiration)).toISOString()).toBe(until);
  });

  it('keeps public tokens as their SHA-256, never in clear', () => {
    const hashed = publicTokenSha256('public-sandbox-1');
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed).not.toContain('public');
    expect(publicTokenSha256('public-sandbox-1')).toBe(hashed);
  });
});
