import type { Logger } from 'pino';
import type { AdjustableClock } from '../state/emulator-clock';
import type { EmulatorState } from '../state/emulator-state';
import type { FaultInjector } from '../control/fault-injector';
import type { ItemWebhookSender } from '../webhooks/item-webhooks';
import type { RateLimiter } from './rate-limiter';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { WebhookKeyRing } from '../webhooks/webhook-key-ring';

/** What request handlers work with: one running emulator's state and machinery. */
export interface EmulatorServices {
  state: EmulatorState;
  clock: AdjustableClock;
  keyRing: WebhookKeyRing;
  dispatcher: WebhookDispatcher;
  webhooks: ItemWebhookSender;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  /** How long a new Item's initial transactions pull takes. */
  initialPullDelayMs: number;
  logger: Logger;
  /** Schedules a write of the state (after a change that must survive a restart). */
  persist(): void;
  /** The emulator's own base URL (for hosted Link URLs). */
  baseUrl(): string;
}
