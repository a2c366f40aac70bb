import { startBanner } from '../../../src/server/start-banner';

describe('startBanner: what npm start prints once the gateway serves', () => {
  it('lists GraphQL, the explorer, the reference app and a token with the command that makes more', () => {
    expect(startBanner({ url: 'http://127.0.0.1:4000', demo: true, developmentToken: { userId: 'demo', token: 'eyJ.x.y' } })).toBe(
      [
        '',
        'Plaid GraphQL gateway is ready.',
        '  GraphQL:   http://127.0.0.1:4000/graphql',
        '  Explorer:  http://127.0.0.1:4000/graphql (open it in a browser)',
        '  Demo app:  http://127.0.0.1:4000/demo/',
        '  A development token for user "demo" (valid 24 h; `npm run -s token -- <user>` makes more):',
        '  Authorization: Bearer eyJ.x.y',
        '',
        '',
      ].join('\n'),
    );
  });

  it('leaves out /demo/ in production and the token when tokens come from elsewhere', () => {
    const banner = startBanner({ url: 'http://localhost:4000', demo: false });
    expect(banner).toContain('  GraphQL:   http://localhost:4000/graphql\n');
    expect(banner).not.toContain('/demo/');
    expect(banner).not.toContain('Bearer');
  });
});
