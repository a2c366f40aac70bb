/**
 * The Plaid emulator's public entry: start and stop an emulator in-process, drive it through
 * its control API, and the defaults the standalone server (`plaid-emulator` bin) uses.
 */
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server/emulator-server';
export { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_SECRET } from './server/emulator-defaults';
export { EmulatorEnvError, emulatorOptionsFromEnv } from './server/emulator-env';
export type { RateLimitedEndpoint, RateLimitSettings } from './server/rate-limiter';
export type { EmulatorClock } from './state/emulator-clock';
export type { TransactionChanges } from './state/transaction-updates';
export type { PlaidErrorCode } from './errors/plaid-error';
export type { ErrorRule, LatencyRule } from './control/fault-injector';
export type { WebhookDeliveryAttempt } from './webhooks/webhook-dispatcher';
export {
  EmulatorControl,
  EmulatorControlError,
  type CreatedItem,
  type CreateItemOptions,
  type EmulatorControlCredentials,
  type InjectErrorOptions,
} from './control/emulator-control';
export type * from './control/control-api-types';
export { WebhookReceiver, type ReceivedWebhook, type Responder } from './testing/webhook-receiver';
