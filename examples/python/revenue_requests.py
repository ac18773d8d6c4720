"""Zhipu AI's and MiniMax's revenue over time, with units (requests against the GraphQL API)."""
import os

import requests

URL = os.environ.get("GRAPHQL_URL", f"http://127.0.0.1:{os.environ.get('PORT', '4000')}/graphql")
QUERY = """
query ($ids: [ID!]!) {
  compareCompanies(companyIds: $ids, metric: revenue) {
    company { name }
    points { periodLabel value unit comparator }
  }
}
"""

response = requests.post(URL, json={"query": QUERY, "variables": {"ids": ["zhipu-ai", "minimax"]}}, timeout=30)
response.raise_for_status()
body = response.json()
if "errors" in body:
    raise SystemExit("; ".join(e["message"] for e in body["errors"]))
for series in body["data"]["compareCompanies"]:
    for point in series["points"]:
        # Each company keeps its own currency: never add CNY and USD together.
        print(f'{series["company"]["name"]}\t{point["periodLabel"]}\t{point["value"]:,.0f} {point["unit"]}')
