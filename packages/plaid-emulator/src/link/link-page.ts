import express, { type Express, type Request, type Response } from 'express';
import type { EmulatorServices } from '../server/emulator-services';
import { completeLinkSession, requireLinkToken, updateModeItem, type LinkSessionResult } from './link-session';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { DYNAMIC_USERNAME, SANDBOX_PASSWORD, SANDBOX_USERNAME } from '../data/sandbox-credentials';
import { SANDBOX_INSTITUTIONS } from '../data/sandbox-institutions';

/** Every message the page posts to its opener (or parent frame) carries this `source`. */
export const LINK_MESSAGE_SOURCE = 'plaid-emulator-link';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:40px 16px;padding:28px;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);max-width:380px;width:100%}
h1{font-size:1.3rem;margin:0 0 4px}p.hint{color:#5f6b7a;font-size:.85rem}label{display:block;margin:14px 0 4px;font-size:.9rem}
input,select{width:100%;box-sizing:border-box;padding:9px;border:1px solid #c8d0d9;border-radius:6px;font-size:1rem}
button{margin-top:20px;width:100%;padding:11px;border:0;border-radius:6px;background:#111;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#e8ebef;color:#111;margin-top:8px}.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:6px}
code{word-break:break-all}
</style></head><body><main>${body}</main></body></html>`;
}

function messageScript(message: Record<string, unknown>, origin: string): string {
  return `<script>
(function () {
  var message = ${scriptJson({ source: LINK_MESSAGE_SOURCE, ...message })};
  var target = window.opener || (window.parent !== window ? window.parent : null);
  if (target) target.postMessage(message, ${scriptJson(origin)});
})();
</script>`;
}

interface FormState {
  token: string;
  origin: string;
  error?: string;
  username?: string;
  institutionId?: string;
}

function renderForm(services: EmulatorServices, state: FormState): string {
  const record = requireLinkToken(services, state.token);
  const updateItem = updateModeItem(services, record);
  const institutions = SANDBOX_INSTITUTIONS.filter((institution) =>
    updateItem
      ? institution.institution_id === updateItem.institution_id
      : institution.country_codes.some((c) => record.country_codes.includes(c)),
  );
  const options = institutions
    .map((institution) => {
      const selected = institution.institution_id === state.institutionId ? ' selected' : '';
      return `<option value="${escapeHtml(institution.institution_id)}"${selected}>${escapeHtml(institution.name)}</option>`;
    })
    .join('');
  const heading = updateItem ? `Reconnect your account` : `Connect your bank`;
  return page(
    `${record.client_name} - Link`,
    `<h1>${escapeHtml(heading)}</h1>
<p class="hint">${escapeHtml(record.client_name)} uses the Plaid emulator. Sandbox users: <code>${SANDBOX_USERNAME}</code> / <code>${SANDBOX_PASSWORD}</code>, <code>${DYNAMIC_USERNAME}</code> / any password; a password <code>error_ITEM_LOCKED</code> (any Plaid item error code) links an Item in that error.</p>
${state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>` : ''}
<form method="post" action="/link/session">
<input type="hidden" name="token" value="${escapeHtml(state.token)}">
<input type="hidden" name="origin" value="${escapeHtml(state.origin)}">
<label for="institution_id">Institution</label>
<select id="institution_id" name="institution_id">${options}</select>
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" value="${escapeHtml(state.username ?? SANDBOX_USERNAME)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Continue</button>
</form>
<button class="secondary" type="button" id="exit">Exit</button>
<script>
document.getElementById('exit').addEventListener('click', function () {
  var target = window.opener || (window.parent !== window ? window.parent : null);
  if (target) target.postMessage(${scriptJson({ source: LINK_MESSAGE_SOURCE, event: 'exit', error: null })}, ${scriptJson(state.origin)});
  document.querySelector('main').innerHTML = '<h1>Exited</h1>';
});
</script>`,
  );
}

function renderError(error: EmulatedPlaidError, origin: string): string {
  return page(
    'Link error',
    `<h1>Something went wrong</h1><p class="error" role="alert">${escapeHtml(error.body.display_message ?? error.body.error_message)}</p>
<p class="hint">${escapeHtml(error.body.error_code)}</p>${messageScript({ event: 'exit', error: error.body }, origin)}`,
  );
}

/** Link's `onSuccess(public_token, metadata)` metadata. */
function successMetadata(result: LinkSessionResult) {
  return {
    institution: result.session.institution,
    accounts: result.session.accounts,
    link_session_id: result.session.link_session_id,
    transfer_status: null,
    public_token: result.publicToken,
  };
}

function field(req: Request, name: string): string {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A small hosted Link for browsers. `GET /link?token=<link_token>[&origin=<opener origin>]`
 * shows an institution picker and a credentials form; on success it either redirects to
 * the link token's `redirect_uri` (or Hosted Link `completion_redirect_uri`) with
 * `public_token`, `institution_id` and `link_session_id` in the query, or posts
 * `{ source, event: 'success', public_token, metadata }` to `window.opener` / the parent frame.
 */
export function mountLinkPage(app: Express, services: EmulatorServices): void {
  app.get('/link', (req: Request, res: Response) => {
    const origin = field(req, 'origin') || '*';
    try {
      res.type('html').send(renderForm(services, { token: field(req, 'token'), origin }));
    } catch (error) {
      if (!(error instanceof EmulatedPlaidError)) throw error;
      res.status(error.status).type('html').send(renderError(error, origin));
    }
  });

  app.post('/link/session', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const token = field(req, 'token');
    const origin = field(req, 'origin') || '*';
    const username = field(req, 'username');
    const institutionId = field(req, 'institution_id');
    let result: LinkSessionResult;
    try {
      result = completeLinkSession(services, { linkToken: token, institutionId, username, password: field(req, 'password') });
    } catch (error) {
      if (!(error instanceof EmulatedPlaidError)) throw error;
      if (error.body.error_code === 'INVALID_CREDENTIALS') {
        const message = error.body.display_message ?? error.body.error_message;
        res
          .status(400)
          .type('html')
          .send(renderForm(services, { token, origin, error: message, username, institutionId }));
        return;
      }
      res.status(error.status).type('html').send(renderError(error, origin));
      return;
    }
    const metadata = successMetadata(result);
    const redirectUri = services.state.linkTokens.get(token)?.redirect_uri;
    if (redirectUri) {
      const target = new URL(redirectUri);
      target.searchParams.set('public_token', result.publicToken);
      target.searchParams.set('institution_id', result.institution.institution_id);
      target.searchParams.set('link_session_id', metadata.link_session_id);
      res.redirect(303, target.toString());
      return;
    }
    res.type('html').send(
      page(
        'Connected',
        `<h1>Connected to ${escapeHtml(result.institution.name)}</h1>
<p class="hint">Public token (single use, valid 30 minutes):</p><p><code id="public-token">${escapeHtml(result.publicToken)}</code></p>
${messageScript({ event: 'success', public_token: result.publicToken, metadata }, origin)}`,
      ),
    );
  });
}
