import { Agent } from 'node:http';
import { Configuration, PlaidApi, Products, CountryCode, type PlaidError } from 'plaid';
import pino from 'pino';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src';
import { plaidOpenApiValidator } from './openapi-validator';
import { started } from './started';

export const TEST_CLIENT_ID = 'emulator_test_client';
export const TEST_SECRET = 'emulator_test_secret';

export interface ConformanceLog {
  /** Answers checked against the spec so far. */
  checked: number;
}

interface HttpAnswer {
  status: number;
  data: unknown;
  config: { url?: string };
}

function isHttpAnswer(value: unknown): value is HttpAnswer {
  return typeof value === 'object' && value !== null && typeof (value as HttpAnswer).status === 'number' && 'config' in value;
}

function check(answer: HttpAnswer, log: ConformanceLog): void {
  const route = new URL(answer.config.url ?? '', 'http://emulator').pathname;
  const errors = plaidOpenApiValidator().validateResponse(route, answer.status, answer.data);
  log.checked++;
  if (errors.length > 0) {
    throw new Error(
      `non-conforming ${answer.status} answer from ${route}:\n  ${errors.join('\n  ')}\n${JSON.stringify(answer.data).slice(0, 2000)}`,
    );
  }
}

/**
 * The official client, with every answer (success or error) checked against Plaid's spec:
 * a non-conforming one fails the call that received it, and so the test.
 */
export function conformanceCheckedClient(api: PlaidApi, log: ConformanceLog): PlaidApi {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return async (...args: unknown[]) => {
        let response: unknown;
        try {
          response = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          const answer = (error as { response?: unknown }).response;
          if (isHttpAnswer(answer)) check(answer, log);
          throw error;
        }
        if (isHttpAnswer(response)) check(response, log);
        return response;
      };
    },
  });
}

export function plaidClient(url: string, log: ConformanceLog, credentials = { clientId: TEST_CLIENT_ID, secret: TEST_SECRET }): PlaidApi {
  const configuration = new Configuration({
    basePath: url,
    // A fresh connection per call: checking a large answer against the spec can block this
    // process (the emulator's too) past the server's keep-alive timeout, and a reused socket
    // then meets the server closing it (ECONNRESET).
    baseOptions: {
      headers: { 'PLAID-CLIENT-ID': credentials.clientId, 'PLAID-SECRET': credentials.secret },
      httpAgent: new Agent({ keepAlive: false }),
    },
  });
  return conformanceCheckedClient(new PlaidApi(configuration), log);
}

export interface TestEmulator {
  emulator: RunningEmulator;
  client: PlaidApi;
  log: ConformanceLog;
}

export async function startTestEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({
    port: 0,
    clientId: TEST_CLIENT_ID,
    secret: TEST_SECRET,
    seed: 'emulator-tests',
    webhookRetryDelayScale: 0.001,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
  const log: ConformanceLog = { checked: 0 };
  const close = started(`emulator ${emulator.url}`, () => emulator.close());
  return { emulator: { ...emulator, close }, client: plaidClient(emulator.url, log), log };
}

/** The Plaid error body of a call that must fail, with its HTTP status. */
export async function plaidErrorOf(call: Promise<unknown>): Promise<PlaidError & { httpStatus: number }> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { status: number; data: PlaidError } }).response;
    if (!response) throw error;
    return { ...response.data, httpStatus: response.status };
  }
  throw new Error('expected the Plaid call to fail');
}

export interface LinkedItem {
  accessToken: string;
  itemId: string;
}

/** Links an Item the sandbox way: /sandbox/public_token/create then /item/public_token/exchange. */
export async function linkSandboxItem(
  client: PlaidApi,
  options: { username?: string; password?: string; webhook?: string; products?: Products[]; institutionId?: string } = {},
): Promise<LinkedItem> {
  const created = await client.sandboxPublicTokenCreate({
    institution_id: options.institutionId ?? 'ins_109508',
    initial_products: options.products ?? [Products.Transactions, Products.Auth, Products.Identity],
    options: {
      webhook: options.webhook,
      override_username: options.username,
      override_password: options.password,
    },
  });
  const exchanged = await client.itemPublicTokenExchange({ public_token: created.data.public_token });
  return { accessToken: exchanged.data.access_token, itemId: exchanged.data.item_id };
}

export const US = [CountryCode.Us];
