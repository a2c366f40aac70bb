/** The config the gateway embeds in the explorer page it serves (src/server/explorer-page-config.ts). */
export function explorerConfigOf(html: string): { headers: string; graphqlPath: string } {
  const match = /<script type="application\/json" id="explorer-config">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('the page carries no explorer config');
  return JSON.parse(match[1]) as { headers: string; graphqlPath: string };
}
