// The explorer's only way to the data: the public GraphQL API, over POST.

export async function gql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

/** One related entity, whether the API gives it as an object (Metric.company) or a list (Listing.company). */
export const one = (value) => (Array.isArray(value) ? value[0] ?? null : value ?? null);

/** Entities by name or alias in any script, best first; each with its type (the Entity's __typename). */
export async function searchEntities(text, limit) {
  const { search } = await gql(
    `query Search($text: String!, $limit: Int!) { search(text: $text, limit: $limit) { score entity { id name nameZhHans nameZhHant __typename } } }`,
    { text, limit },
  );
  return search.map((hit) => ({ ...hit, entity: { ...hit.entity, type: hit.entity.__typename } }));
}
