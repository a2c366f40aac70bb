import express, { Router } from 'express';
import type { Logger } from 'pino';
import { WebhookVerificationError, type WebhookVerifier } from '../plaid/webhook-verifier';
import type { WebhookIntakeService, WebhookPayload } from '../services/webhook-intake.service';

export interface WebhookObserver {
  (event: { type: string; code: string; outcome: 'accepted' | 'duplicate' | 'rejected' }): void;
}

const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * POST /webhooks/plaid, on the raw bytes (the signature covers them exactly). Anything that
 * fails verification is 401 and writes nothing; a genuine but unparsable body is 400.
 */
export function webhookRoute(verifier: WebhookVerifier, intake: WebhookIntakeService, logger: Logger, observe?: WebhookObserver): Router {
  const router = Router();
  router.post('/webhooks/plaid', express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let verified;
    try {
      verified = await verifier.verify(body, req.get('plaid-verification'));
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      logger.warn({ reason: error.message }, 'webhook refused');
      observe?.({ type: 'unverified', code: 'unverified', outcome: 'rejected' });
      res.status(401).json({ error: 'webhook verification failed' });
      return;
    }
    const payload = parsePayload(body);
    if (!payload) {
      observe?.({ type: 'malformed', code: 'malformed', outcome: 'rejected' });
      res.status(400).json({ error: 'webhook body is not a Plaid webhook' });
      return;
    }
    const { outcome, eventId } = await intake.receive(body, verified, payload);
    observe?.({ type: payload.webhook_type, code: payload.webhook_code, outcome });
    logger.info({ eventId, webhookType: payload.webhook_type, webhookCode: payload.webhook_code, outcome }, 'webhook received');
    res.status(200).json({ received: true, duplicate: outcome === 'duplicate' });
  });
  return router;
}

function parsePayload(body: Buffer): WebhookPayload | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { webhook_type: type, webhook_code: code, item_id: itemId } = parsed as Record<string, unknown>;
  if (typeof type !== 'string' || typeof code !== 'string' || (itemId !== undefined && itemId !== null && typeof itemId !== 'string')) return undefined;
  return parsed as WebhookPayload;
}
