import { randomBytes } from 'node:crypto';
import { WebhookEventEntity, WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import { QueueName } from '../../../src/jobs/job-queue';
import { UnstorableWebhookError, type WebhookPayload } from '../../../src/services/webhook-intake.service';
import { eventually } from '../../support/linking';
import { parseSamples } from '../../support/prometheus-text';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

/** Webhooks that fail, fail visibly: FAILED once their retries are used up, counted, kept; one bad row fails only itself. */
describe('webhooks that fail', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const events = () => gw.gateway.dataSource.getRepository(WebhookEventEntity);
  /** A verified webhook as the route hands it to intake (verification has its own tests). */
  const arrive = (raw: string) =>
    gw.gateway.services.webhookIntake.receive(
      Buffer.from(raw),
      { issuedAt: new Date(), keyId: 'k', deliveryId: randomBytes(32).toString('hex') },
      JSON.parse(raw) as WebhookPayload,
    );
  const syncWebhook = (plaidItemId: string, extra = '') =>
    `{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"${plaidItemId}"${extra}}`;
  const readiness = async () => (await (await fetch(`${gw.url}/readyz`)).json()) as { webhooks: { pending: number; failed: number } };
  const deliveriesMetric = async () => {
    const samples = parseSamples(await (await fetch(`${gw.url}/metrics`)).text());
    const of = (state: string) =>
      samples.find((sample) => sample.name === 'gateway_webhook_deliveries' && sample.labels.state === state)?.value;
    return { pending: of('pending'), failed: of('failed') };
  };

  it('item 9: a webhook whose every retry fails is written FAILED with why, and /readyz and /metrics count it', async () => {
    const before = await readiness();
    // An Item that is never linked here: each attempt fails (within the grace) and is retried.
    const { eventId } = await arrive(syncWebhook(`never-linked-${randomBytes(4).toString('hex')}`));
    const firstFailure = await eventually(async () => {
      const row = await events().findOneByOrFail({ id: eventId });
      return row.error ? row : undefined;
    });
    // Still pending, and saying why, while retries remain.
    expect(firstFailure).toMatchObject({ outcome: WebhookOutcome.PENDING, error: expect.stringMatching(/no Item .* yet/) });
    // An expected race: an info line saying why, without a stack; never a warning.
    const retried = await eventually(async () =>
      gw.logs.find((line) => line.msg === 'job will be retried' && /no Item .* yet/.test(String(line.reason))),
    );
    expect(retried).toMatchObject({ level: 30 });
    expect(retried).not.toHaveProperty('err');
    expect(gw.logs.filter((line) => line.msg === 'job failed; pg-boss will retry it')).toEqual([]);
    // Rather than wait out the schedule (a minute or more), the job's attempt in hand or next one is made its last.
    await gw.gateway.dataSource.query(
      `UPDATE "${gw.config.jobs.schema}".job SET retry_limit = retry_count WHERE name = $1 AND data->>'webhookEventId' = $2`,
      [QueueName.WebhookEvent, eventId],
    );

    const failed = await eventually(
      async () => {
        const row = await events().findOneByOrFail({ id: eventId });
        return row.outcome === WebhookOutcome.FAILED ? row : undefined;
      },
      // Two polls and a retry delay of 2-4 s; generous, for a machine busy with other work.
      45_000,
      'the webhook to be FAILED',
    );
    expect(failed.error).toMatch(/^gave up after 6 attempts: no Item .* yet/);
    expect(failed.processedAt).not.toBeNull();

    const after = await readiness();
    expect(after.webhooks.failed).toBe(before.webhooks.failed + 1);
    expect(await deliveriesMetric()).toEqual({ pending: after.webhooks.pending, failed: after.webhooks.failed });
    expect(gw.logs.some((line) => line.msg === 'webhooks FAILED: their retries are used up')).toBe(true);
  });

  it('item 9: one webhook PostgreSQL cannot store (a NUL in a string) fails alone, not the others of its group commit', async () => {
    const tag = randomBytes(4).toString('hex');
    const bodies = [0, 1, 2, 3, 4].map((n) => syncWebhook(`batch-${tag}-${n}`, n === 2 ? ',"note":"nul \\u0000 here"' : ''));
    // In one tick: DataLoader writes them in one group commit.
    const outcomes = await Promise.allSettled(bodies.map(arrive));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(UnstorableWebhookError);
    const stored = await events().find({ where: [0, 1, 2, 3, 4].map((n) => ({ plaidItemId: `batch-${tag}-${n}` })) });
    expect(stored.map((row) => row.plaidItemId).sort()).toEqual([0, 1, 3, 4].map((n) => `batch-${tag}-${n}`));
  });
});
