// How is Tsinghua University connected to Alibaba Cloud? (fetch against the GraphQL API; Node 18+)
const url = process.env.GRAPHQL_URL ?? `http://127.0.0.1:${process.env.PORT ?? "4000"}/graphql`;
const query = `query ($from: ID!, $to: ID!) {
  shortestConnection(fromId: $from, toId: $to) {
    hops { from { name } relationship direction to { name } sourceId evidence }
  }
}`;
const response = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query, variables: { from: "tsinghua-university", to: "alibaba-cloud" } }),
});
const { data, errors } = await response.json();
if (errors) throw new Error(errors.map((e) => e.message).join("; "));
for (const hop of data.shortestConnection.hops) {
  const arrow = hop.direction === "FORWARD" ? `-[${hop.relationship}]->` : `<-[${hop.relationship}]-`;
  console.log(`${hop.from.name} ${arrow} ${hop.to.name}  [${hop.sourceId}] ${hop.evidence.replace(/\n/g, " ")}`);
}
