#!/usr/bin/env bash
# Who founded MiniMax, and where did they work before? (curl against the GraphQL API)
set -euo pipefail
url="${GRAPHQL_URL:-http://127.0.0.1:${PORT:-4000}/graphql}"
curl -sS --fail-with-body "$url" -H 'content-type: application/json' --data-binary @- <<'JSON'
{"query": "{ companies(where: { id: { eq: \"minimax\" } }) { name foundersConnection { edges { properties { evidence sourceId } node { name nameZhHant workedAt { name } } } } } }"}
JSON
echo
