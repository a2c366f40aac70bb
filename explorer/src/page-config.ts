import { EXPLORER_CONFIG_ELEMENT_ID, type ExplorerPageConfig } from '../../src/server/explorer-page-config';

/** The config the gateway wrote into the page; a page without one is a broken deployment. */
export function readPageConfig(document: Document): ExplorerPageConfig {
  const element = document.getElementById(EXPLORER_CONFIG_ELEMENT_ID);
  if (!element?.textContent) throw new Error(`The page has no #${EXPLORER_CONFIG_ELEMENT_ID} element`);
  return JSON.parse(element.textContent) as ExplorerPageConfig;
}
