// GraphiQL, served by the service itself at /graphiql: the page, its start script and its three
// libraries (graphiql's UMD build, React and ReactDOM 18), all from this repository and
// node_modules, so that it works offline and loads nothing from a CDN.
import express, { type Router } from "express";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The files the page loads from /graphiql/vendor/, by name. */
export const GRAPHIQL_VENDOR: Record<string, string> = {
  "graphiql.min.js": path.join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.min.css": path.join(packageDir("graphiql"), "graphiql.min.css"),
  "react.production.min.js": path.join(packageDir("react"), "umd", "react.production.min.js"),
  "react-dom.production.min.js": path.join(packageDir("react-dom"), "umd", "react-dom.production.min.js"),
};

// The page and its start script live here, not in files: the built image copies dist/ and no
// other part of src/http.
export const GRAPHIQL_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>China LLM graph · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <!-- Every file comes from this service (src/http/graphiql.ts serves them from node_modules): no CDN. -->
  <link rel="stylesheet" href="/graphiql/vendor/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/vendor/react.production.min.js"></script>
  <script src="/graphiql/vendor/react-dom.production.min.js"></script>
  <script src="/graphiql/vendor/graphiql.min.js"></script>
  <script src="/graphiql/init.js"></script>
</body>
</html>
`;

const START_SCRIPT = `// GraphiQL against this service's /graphql (same origin, POST with JSON, as CSRF prevention wants).
// The first query shows a search hit expanded through the Entity interface.
const DEFAULT_QUERY = \`# The China LLM graph. Ctrl-Enter runs a query; the Docs tab lists every type.
query SearchAndExpand {
  search(text: "智譜", limit: 3) {
    score
    entity {
      id type name nameZhHant
      ... on Company {
        metrics(where: { metric: { eq: revenue } }, sort: [{ periodEnd: ASC }]) { periodLabel value unit kind }
      }
    }
  }
  metricSummary(subjectId: "zhipu-ai", metric: revenue) { unit kind periodMonths count min max }
}
\`;

const fetcher = GraphiQL.createFetcher({ url: \`\${window.location.origin}/graphql\` });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: true }),
);
`;

export function graphiqlRoutes(): Router {
  const router = express.Router();
  router.get("/graphiql", (_req, res) => res.type("html").send(GRAPHIQL_PAGE));
  router.get("/graphiql/init.js", (_req, res) => res.type("js").send(START_SCRIPT));
  router.get("/graphiql/vendor/:file", (req, res, next) => {
    const file = GRAPHIQL_VENDOR[req.params.file];
    if (file) res.sendFile(file, { maxAge: "1d" });
    else next();
  });
  return router;
}
