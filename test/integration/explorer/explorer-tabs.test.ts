import { EXPLORER_TABS, type ExplorerTab } from '../../../src/server/explorer-tabs';
import { eventually } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

/** The tab whose document defines `operationName`. */
function tabWith(operationName: string): ExplorerTab {
  const tab = EXPLORER_TABS.find((candidate) =>
    new RegExp(`^(query|mutation|subscription) ${operationName}\\b`, 'm').test(candidate.query),
  );
  if (!tab) throw new Error(`no explorer tab defines ${operationName}`);
  return tab;
}

/** The tab's variables with the "paste ... here" placeholders filled in, as a person would. */
function variablesOf(tab: ExplorerTab, pasted: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : {}), ...pasted };
}

describe("the explorer's opening tabs, run as they stand with the page's development token", () => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    // The page's token is the development user's (see explorer-route.ts).
    token = await gw.tokenFor('demo');
    await gw.gateway.dataSource.query(`DELETE FROM items WHERE user_id = 'demo'`);
  });

  afterAll(async () => {
    await gw?.close();
  });

  const run = async (operationName: string, pasted?: Record<string, unknown>) => {
    const tab = tabWith(operationName);
    const answer = await gw.graphql(tab.query, { token, operationName, variables: variablesOf(tab, pasted) });
    expect([operationName, answer.errors]).toEqual([operationName, undefined]);
    return answer.data as Record<string, never>;
  };

  it('opens with the dashboard, then a tab per task', () => {
    const names = EXPLORER_TABS.map((tab) => /^(?:query|mutation|subscription) (\w+)/m.exec(tab.query)?.[1]);
    expect(names).toEqual([
      'Dashboard',
      'CreatePublicToken',
      'Transactions',
      'RealtimeBalances',
      'LiveEvents',
      'SandboxResetLogin',
      'TransferCheck',
    ]);
  });

  it('links a sandbox Item, lists it, pages its transactions, reads real-time balances, checks a transfer and hears a live event', async () => {
    const { sandboxCreatePublicToken } = await run('CreatePublicToken');
    const { exchangePublicToken } = await run('ExchangePublicToken', {
      publicToken: (sandboxCreatePublicToken as { publicToken: string }).publicToken,
    });
    const itemId = (exchangePublicToken as { id: string }).id;

    const dashboard = await eventually(
      async () => {
        const data = await run('Dashboard');
        const [item] = data.items as Array<{ id: string; lastSyncedAt: string | null; accounts: Array<{ id: string; name: string }> }>;
        return item?.lastSyncedAt ? item : undefined;
      },
      20_000,
      'the first sync',
    );
    expect(dashboard.id).toBe(itemId);

    const { transactions } = await run('Transactions');
    expect((transactions as { edges: unknown[] }).edges).toHaveLength(10);
    expect(((await run('RealtimeBalances')).balances as Array<{ isRealtime: boolean }>).every((balance) => balance.isRealtime)).toBe(true);

    const checking = dashboard.accounts.find((account) => account.name === 'Plaid Checking')!;
    const { validateTransfer } = await run('TransferCheck', { accountId: checking.id });
    expect(validateTransfer).toMatchObject({ approved: true, reasons: [], identityMatch: { legalName: expect.any(Number) } });

    const live = await subscribe(gw.wsUrl, token, tabWith('LiveEvents').query);
    try {
      await run('SandboxResetLogin', { itemId });
      expect((await live.next(10_000)).data).toMatchObject({ itemStatusChanged: { status: 'LOGIN_REQUIRED', item: { id: itemId } } });
    } finally {
      await live.close();
    }
  });
});
