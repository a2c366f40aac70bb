/** What Link's onSuccess hands back: the public token and the institution, for display. */
export interface LinkSuccess {
  publicToken: string;
  institutionId: string | null;
  institutionName: string | null;
}

interface EmulatorLinkMessage {
  source: 'plaid-emulator-link';
  event: 'success' | 'exit';
  public_token?: string;
  metadata?: { institution?: { institution_id: string; name: string } };
  error?: { display_message?: string | null; error_message?: string } | null;
}

interface PlaidLinkHandler {
  open(): void;
}

declare global {
  interface Window {
    Plaid?: {
      create(options: {
        token: string;
        onSuccess(publicToken: string, metadata: { institution: { institution_id: string; name: string } | null }): void;
        onExit(error: { display_message?: string | null; error_message?: string } | null): void;
      }): PlaidLinkHandler;
    };
  }
}

const PLAID_LINK_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

/**
 * Opens Link for a link token (new Item or update mode alike) and resolves with its public
 * token; null when the user left without finishing. The emulator's hosted page opens in a
 * popup that posts back like Plaid Link's callbacks; with a real Plaid, Plaid Link does.
 */
export function openLink(linkToken: string, linkPageUrl: string | null): Promise<LinkSuccess | null> {
  return linkPageUrl ? openEmulatorLink(linkToken, linkPageUrl) : openPlaidLink(linkToken);
}

function openEmulatorLink(linkToken: string, linkPageUrl: string): Promise<LinkSuccess | null> {
  const page = new URL(linkPageUrl);
  page.searchParams.set('token', linkToken);
  page.searchParams.set('origin', window.location.origin);
  return new Promise((resolve, reject) => {
    const popup = window.open(page.toString(), 'plaid-link', 'popup,width=440,height=640');
    if (!popup) {
      reject(new Error('The browser blocked the Link window: allow popups for this page'));
      return;
    }
    const closed = window.setInterval(() => {
      if (popup.closed) finish(() => resolve(null));
    }, 500);
    const onMessage = (event: MessageEvent<EmulatorLinkMessage>) => {
      if (event.origin !== page.origin || event.data?.source !== 'plaid-emulator-link') return;
      const message = event.data;
      if (message.event === 'success' && message.public_token) {
        const institution = message.metadata?.institution;
        finish(() =>
          resolve({
            publicToken: message.public_token!,
            institutionId: institution?.institution_id ?? null,
            institutionName: institution?.name ?? null,
          }),
        );
      } else if (message.error) {
        finish(() => reject(new Error(message.error?.display_message ?? message.error?.error_message ?? 'Link failed')));
      } else {
        finish(() => resolve(null));
      }
    };
    function finish(settle: () => void) {
      window.clearInterval(closed);
      window.removeEventListener('message', onMessage);
      if (!popup!.closed) popup!.close();
      settle();
    }
    window.addEventListener('message', onMessage);
  });
}

async function openPlaidLink(linkToken: string): Promise<LinkSuccess | null> {
  if (!window.Plaid) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = PLAID_LINK_SCRIPT;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`Could not load Plaid Link from ${PLAID_LINK_SCRIPT}`));
      document.head.append(script);
    });
  }
  return new Promise((resolve, reject) => {
    window
      .Plaid!.create({
        token: linkToken,
        onSuccess: (publicToken, metadata) =>
          resolve({
            publicToken,
            institutionId: metadata.institution?.institution_id ?? null,
            institutionName: metadata.institution?.name ?? null,
          }),
        onExit: (error) => (error ? reject(new Error(error.display_message ?? error.error_message ?? 'Link failed')) : resolve(null)),
      })
      .open();
  });
}
