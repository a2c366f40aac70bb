export interface StartBannerFacts {
  /** http://host:port of the running gateway. */
  url: string;
  /** Whether /demo/ is served (outside production). */
  demo: boolean;
  /** A ready token for the development user, when the gateway made its own signing secret. */
  developmentToken?: { userId: string; token: string };
}

/** What `npm start` prints once the gateway serves: where everything is, and a token to try it with. */
export function startBanner(facts: StartBannerFacts): string {
  const graphqlUrl = `${facts.url}/graphql`;
  const lines = ['', 'Plaid GraphQL gateway is ready.', `  GraphQL:   ${graphqlUrl}`, `  Explorer:  ${graphqlUrl} (open it in a browser)`];
  if (facts.demo) lines.push(`  Demo app:  ${facts.url}/demo/`);
  if (facts.developmentToken) {
    lines.push(
      // -s: without it npm prints its own header lines around the token.
      `  A development token for user "${facts.developmentToken.userId}" (valid 24 h; \`npm run -s token -- <user>\` makes more):`,
      `  Authorization: Bearer ${facts.developmentToken.token}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}
