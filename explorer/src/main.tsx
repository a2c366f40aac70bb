import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { installMonacoWorkers } from './monaco-workers';
import { readPageConfig } from './page-config';

const config = readPageConfig(document);
installMonacoWorkers(config.workerUrls);

const graphqlUrl = new URL(config.graphqlPath, window.location.href);
const subscriptionUrl = new URL(graphqlUrl);
subscriptionUrl.protocol = graphqlUrl.protocol === 'https:' ? 'wss:' : 'ws:';

// Subscriptions go over graphql-ws; the headers editor's JSON becomes its connectionParams.
const fetcher = createGraphiQLFetcher({ url: graphqlUrl.href, subscriptionUrl: subscriptionUrl.href });

const container = document.getElementById('graphiql');
if (!container) throw new Error('The page has no #graphiql element');
createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery=""
    defaultTabs={config.tabs.map((tab) => ({ ...tab, headers: config.headers }))}
    initialHeaders={config.headers}
    defaultHeaders={config.headers}
    defaultEditorToolsVisibility="headers"
  />,
);
