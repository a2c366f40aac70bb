import type { Logger } from 'pino';
import type { EmulatorClock } from '../state/emulator-clock';
import type { WebhookKeyRing } from './webhook-key-ring';
import { signWebhookBody } from './webhook-signer';

/** Plaid's retry policy: first retry after 30 s, each delay 4 times the last, for up to 24 hours. */
const FIRST_RETRY_DELAY_MS = 30_000;
const RETRY_DELAY_FACTOR = 4;
const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Plaid gives a receiver 10 seconds to answer. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** How long a webhook held back for reordering waits for a successor before going out alone. */
const REORDER_HOLD_MS = 2_000;
const DELIVERY_LOG_SIZE = 200;

export interface WebhookDispatcherOptions {
  keyRing: WebhookKeyRing;
  clock: EmulatorClock;
  /** Multiplies Plaid's retry delays (and the retry window); 1 is Plaid's real timing. */
  retryDelayScale: number;
  timeoutMs: number;
  logger: Logger;
}

export interface WebhookPayload {
  webhook_type: string;
  webhook_code: string;
  item_id: string;
}

export interface WebhookDeliveryAttempt {
  delivery_id: number;
  url: string;
  webhook_type: string;
  webhook_code: string;
  item_id: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: string;
}

export interface WebhookDeliveryMode {
  /** How many of the next webhooks are each delivered twice. */
  duplicate?: number;
  /** How many of the next webhooks are held back and delivered after the one that follows them. */
  reorder?: number;
}

interface PendingWebhook {
  id: number;
  url: string;
  payload: WebhookPayload;
  body: Buffer;
  /** Signed when the event happened, so a delayed (reordered) delivery carries its true `iat`. */
  firstSignature: string;
  createdAt: number;
}

/**
 * Delivers webhooks as Plaid does: POST of the JSON body with a `Plaid-Verification` JWT,
 * retried with exponential backoff on any answer other than 200 or on a timeout. Each
 * retry is signed afresh (a receiver rejects an `iat` older than five minutes).
 */
export class WebhookDispatcher {
  private nextId = 1;
  private closed = false;
  private duplicateNext = 0;
  private reorderNext = 0;
  private held: { webhook: PendingWebhook; timer: NodeJS.Timeout } | null = null;
  private readonly active = new Set<Promise<void>>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private readonly requests = new Set<AbortController>();
  private readonly log: WebhookDeliveryAttempt[] = [];

  constructor(private readonly options: WebhookDispatcherOptions) {}

  send(url: string, payload: WebhookPayload): void {
    if (this.closed) return;
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const now = this.options.clock.now();
    const webhook: PendingWebhook = {
      id: this.nextId++,
      url,
      payload,
      body,
      firstSignature: signWebhookBody(body, this.options.keyRing.current(), now),
      createdAt: now,
    };
    const copies = this.duplicateNext > 0 ? 2 : 1;
    if (copies === 2) this.duplicateNext--;

    if (this.held) {
      const { webhook: earlier, timer } = this.held;
      clearTimeout(timer);
      this.held = null;
      this.track(this.deliverCopies(webhook, copies).then(() => this.deliverCopies(earlier, 1)));
      return;
    }
    if (this.reorderNext > 0) {
      this.reorderNext--;
      const timer = setTimeout(() => this.releaseHeld(), REORDER_HOLD_MS);
      this.held = { webhook, timer };
      return;
    }
    this.track(this.deliverCopies(webhook, copies));
  }

  /** Runs `action` (which sends webhooks) after `ms`, unless the dispatcher closes first; `idle()` waits for it. */
  after(ms: number, action: () => void): void {
    this.track(
      this.sleep(ms).then(() => {
        if (!this.closed) action();
      }),
    );
  }

  setDeliveryMode(mode: WebhookDeliveryMode): void {
    if (mode.duplicate !== undefined) this.duplicateNext = mode.duplicate;
    if (mode.reorder !== undefined) this.reorderNext = mode.reorder;
  }

  deliveries(): WebhookDeliveryAttempt[] {
    return [...this.log];
  }

  /** Resolves once every webhook sent so far has been delivered or given up on. */
  async idle(): Promise<void> {
    this.releaseHeld();
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    for (const request of this.requests) request.abort();
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private releaseHeld(): void {
    if (!this.held) return;
    const { webhook, timer } = this.held;
    clearTimeout(timer);
    this.held = null;
    this.track(this.deliverCopies(webhook, 1));
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery.catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'webhook delivery failed unexpectedly');
    });
    this.active.add(tracked);
    void tracked.finally(() => this.active.delete(tracked));
  }

  private async deliverCopies(webhook: PendingWebhook, copies: number): Promise<void> {
    await this.deliver(webhook);
    for (let copy = 1; copy < copies; copy++) await this.deliver({ ...webhook, id: this.nextId++, firstSignature: '' });
  }

  private async deliver(webhook: PendingWebhook): Promise<void> {
    const scale = this.options.retryDelayScale;
    for (let attempt = 0; !this.closed; attempt++) {
      const signature =
        attempt === 0 && webhook.firstSignature
          ? webhook.firstSignature
          : signWebhookBody(webhook.body, this.options.keyRing.current(), this.options.clock.now());
      const status = await this.post(webhook, signature, attempt);
      if (status === 200) return;
      const delay = FIRST_RETRY_DELAY_MS * RETRY_DELAY_FACTOR ** attempt * scale;
      const elapsed = this.options.clock.now() - webhook.createdAt;
      if (elapsed + delay > RETRY_WINDOW_MS * scale) {
        this.options.logger.warn(
          { url: webhook.url, code: webhook.payload.webhook_code, attempts: attempt + 1 },
          'webhook abandoned after retry window',
        );
        return;
      }
      await this.sleep(delay);
    }
  }

  private async post(webhook: PendingWebhook, signature: string, attempt: number): Promise<number | null> {
    const controller = new AbortController();
    this.requests.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Plaid-Verification': signature },
        body: webhook.body,
        signal: controller.signal,
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (caught) {
      error = controller.signal.aborted ? 'timeout' : caught instanceof Error ? caught.message : String(caught);
    } finally {
      clearTimeout(timeout);
      this.requests.delete(controller);
    }
    this.record({
      delivery_id: webhook.id,
      url: webhook.url,
      webhook_type: webhook.payload.webhook_type,
      webhook_code: webhook.payload.webhook_code,
      item_id: webhook.payload.item_id,
      attempt,
      status,
      error,
      at: new Date(this.options.clock.now()).toISOString(),
    });
    this.options.logger.debug({ url: webhook.url, code: webhook.payload.webhook_code, attempt, status, error }, 'webhook attempt');
    return status;
  }

  private record(attempt: WebhookDeliveryAttempt): void {
    this.log.push(attempt);
    if (this.log.length > DELIVERY_LOG_SIZE) this.log.shift();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleepers.add(sleeper);
    });
  }
}
