import { Products, type LinkTokenCreateRequest } from 'plaid';
import { linkSandboxItem, startTestEmulator, US, type TestEmulator } from '../support/emulator-harness';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});

afterAll(async () => {
  await t.emulator.close();
});

const request: LinkTokenCreateRequest = {
  client_name: 'Budget App',
  language: 'en',
  country_codes: US,
  user: { client_user_id: 'browser-user' },
  products: [Products.Transactions],
};

function submit(fields: Record<string, string>): Promise<Response> {
  return fetch(`${t.emulator.url}/link/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

it('lets a person pick an institution and sign in, and posts the public token like onSuccess', async () => {
  const { data } = await t.client.linkTokenCreate(request);
  const form = await fetch(`${t.emulator.url}/link?token=${data.link_token}&origin=http://localhost:3000`);
  const html = await form.text();
  expect(form.status).toBe(200);
  expect(html).toContain('First Platypus Bank');
  expect(html).not.toContain('Royal Bank of Plaid');

  const wrong = await submit({
    token: data.link_token,
    institution_id: 'ins_109508',
    username: 'user_good',
    password: 'nope',
    origin: 'http://localhost:3000',
  });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain('The provided credentials were not correct');

  const success = await submit({
    token: data.link_token,
    institution_id: 'ins_109508',
    username: 'user_good',
    password: 'pass_good',
    origin: 'http://localhost:3000',
  });
  const page = await success.text();
  expect(success.status).toBe(200);
  const publicToken = /public-sandbox-[0-9a-f-]{36}/.exec(page)?.[0];
  expect(publicToken).toBeDefined();
  expect(page).toContain('"source":"plaid-emulator-link"');
  expect(page).toContain('"event":"success"');
  expect(page).toContain('"http://localhost:3000"');
  const exchanged = await t.client.itemPublicTokenExchange({ public_token: publicToken! });
  const item = await t.client.itemGet({ access_token: exchanged.data.access_token });
  expect(item.data.item).toMatchObject({ institution_id: 'ins_109508', billed_products: ['transactions'] });
});

it('redirects to the redirect URI with the public token', async () => {
  const { data } = await t.client.linkTokenCreate({ ...request, redirect_uri: 'http://localhost:3000/oauth-return' });
  const response = await submit({ token: data.link_token, institution_id: 'ins_109511', username: 'user_good', password: 'pass_good' });
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get('location')!);
  expect(location.origin + location.pathname).toBe('http://localhost:3000/oauth-return');
  expect(location.searchParams.get('institution_id')).toBe('ins_109511');
  await expect(t.client.itemPublicTokenExchange({ public_token: location.searchParams.get('public_token')! })).resolves.toBeDefined();
});

it('refuses expired link tokens (4 hours)', async () => {
  const { data } = await t.client.linkTokenCreate(request);
  await t.emulator.control.advanceClock(4 * 3600_000 + 1000);
  const response = await fetch(`${t.emulator.url}/link?token=${data.link_token}`);
  expect(response.status).toBe(400);
  const html = await response.text();
  expect(html).toContain('INVALID_LINK_TOKEN');
  expect(html).toContain('"event":"exit"');
});

it('repairs an Item in update mode, whose link tokens last 30 minutes', async () => {
  const item = await linkSandboxItem(t.client);
  await t.client.sandboxItemResetLogin({ access_token: item.accessToken });
  const { products: _none, ...update } = request;
  const { data } = await t.client.linkTokenCreate({ ...update, access_token: item.accessToken });
  const form = await (await fetch(`${t.emulator.url}/link?token=${data.link_token}`)).text();
  expect(form).toContain('Reconnect');
  const repaired = await submit({ token: data.link_token, institution_id: 'ins_109508', username: 'user_good', password: 'pass_good' });
  expect(repaired.status).toBe(200);
  const status = await t.client.itemGet({ access_token: item.accessToken });
  expect(status.data.item.error).toBeNull();

  const { data: later } = await t.client.linkTokenCreate({ ...update, access_token: item.accessToken });
  await t.emulator.control.advanceClock(31 * 60_000);
  const expired = await submit({ token: later.link_token, institution_id: 'ins_109508', username: 'user_good', password: 'pass_good' });
  expect(expired.status).toBe(400);
  expect(await expired.text()).toContain('INVALID_LINK_TOKEN');
});

it('expires public tokens after 30 minutes', async () => {
  const { data } = await t.client.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Auth] });
  await t.emulator.control.advanceClock(30 * 60_000 + 1000);
  await expect(t.client.itemPublicTokenExchange({ public_token: data.public_token })).rejects.toMatchObject({
    response: { status: 400, data: { error_code: 'INVALID_PUBLIC_TOKEN', error_message: expect.stringContaining('expired') } },
  });
});
