import type { ExplorerPageConfig } from '../../src/server/explorer-page-config';

/**
 * Monaco asks MonacoEnvironment for its workers. GraphiQL's own set-ups load them from a CDN
 * (esm.sh) or rely on a bundler's worker syntax; here they are files the gateway serves itself.
 */
export function installMonacoWorkers(urls: ExplorerPageConfig['workerUrls']): void {
  const environment: { getWorker(workerId: string, label: string): Worker } = {
    getWorker(_workerId, label) {
      if (label === 'graphql') return new Worker(urls.graphql, { name: 'graphql' });
      if (label === 'json') return new Worker(urls.json, { name: 'json' });
      return new Worker(urls.editor, { name: 'editor' });
    },
  };
  Object.assign(globalThis, { MonacoEnvironment: environment });
}
