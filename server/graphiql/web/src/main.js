// GraphiQL for partnergraph's /graphiql, bundled with React so that the
// page needs nothing beyond this server. The example queries come from the
// page (a JSON script element the server fills in).
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

const tabs = JSON.parse(document.getElementById('examples').textContent || '[]');
const fetcher = createGraphiQLFetcher({ url: location.origin + "/graphql" });
// No storage: every visit starts from the examples.
const storage = { getItem: () => null, setItem: () => {}, removeItem: () => {}, clear: () => {}, length: 0 };
const root = document.getElementById('graphiql');
root.textContent = '';
createRoot(root).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: tabs,
    defaultQuery: tabs.length ? tabs[0].query : '{ stats { nodeCount } }',
    storage,
  }),
);
