import { ItemEntity } from '../../../src/entities/item.entity';
import { ItemStatus } from '../../../src/entities/item-status';
import { DeploymentTaskLock } from '../../../src/repositories/deployment-task-lock';
import { accessTokenOf, callPlaid, linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const OLD_URL = 'https://old-host.example.com/webhooks/plaid';

describe('item 11: moving Items to a new PUBLIC_URL', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  async function linkedWithOldUrl(): Promise<{ id: string; plaidItemId: string }> {
    const item = await linkItem(gw, await gw.tokenFor(newUserId()));
    await gw.gateway.dataSource.query('UPDATE items SET webhook_url = $2 WHERE id = $1', [item.id, OLD_URL]);
    return item;
  }

  const stored = (id: string) => gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id });

  it('goes through the one door: a login Plaid reports broken on the way marks the Item LOGIN_REQUIRED', async () => {
    const item = await linkedWithOldUrl();
    await gw.emulator.injectError({
      endpoint: '/item/webhook/update',
      errorCode: 'ITEM_LOGIN_REQUIRED',
      times: 1,
      itemId: item.plaidItemId,
    });
    try {
      const result = await gw.gateway.services.webhookUrls.run();
      expect(result.failed).toBeGreaterThanOrEqual(1);
      expect(await stored(item.id)).toMatchObject({ status: ItemStatus.LOGIN_REQUIRED, webhookUrl: OLD_URL });
    } finally {
      await gw.emulator.clearFaults();
    }
  });

  it('runs on one instance at a time: while another holds the task, this one skips it and calls Plaid for nothing', async () => {
    const item = await linkedWithOldUrl();
    const elsewhere = new DeploymentTaskLock(gw.gateway.dataSource);
    const held = await elsewhere.runAlone('move-webhooks', () => gw.gateway.services.webhookUrls.run());
    expect(held).toEqual({ skipped: false, result: { moved: 0, failed: 0, skipped: true } });
    expect((await stored(item.id)).webhookUrl).toBe(OLD_URL);

    const free = await gw.gateway.services.webhookUrls.run();
    expect(free.skipped).toBe(false);
    expect(free.moved).toBeGreaterThanOrEqual(1);
    const url = `${gw.config.publicUrl}/webhooks/plaid`;
    expect((await stored(item.id)).webhookUrl).toBe(url);
    const atPlaid = await callPlaid<{ item: { webhook: string } }>(gw, '/item/get', { access_token: await accessTokenOf(gw, item.id) });
    expect(atPlaid.body.item.webhook).toBe(url);
  });
});
