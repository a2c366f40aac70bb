import type { ExplorerTab } from './explorer-tabs';

/**
 * What the gateway tells the explorer page when it serves it (a JSON script element, read by
 * the bundle in explorer/src). Paths are relative to the page's own origin.
 */
export interface ExplorerPageConfig {
  graphqlPath: string;
  /** Monaco's web workers, served by the gateway beside the bundle. */
  workerUrls: { editor: string; json: string; graphql: string };
  /** The headers editor's initial JSON: a ready bearer token outside production, else the caller's own. */
  headers: string;
  /** The tabs it opens with (a tab per task); a new tab starts empty. */
  tabs: ExplorerTab[];
}

/** The id of the element that carries the config. */
export const EXPLORER_CONFIG_ELEMENT_ID = 'explorer-config';
