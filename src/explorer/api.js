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

/** A relationship the API gives as one object or, in older versions, as a list of one. */
export const one = (value) => (Array.isArray(value) ? value[0] ?? null : value ?? null);

// search answers the Entity interface (its __typename is the type) or, before it did, EntityRef
// with a type field: the first query that the schema accepts is kept.
const HIT_SHAPES = ["id name nameZhHans nameZhHant type", "id name nameZhHans nameZhHant __typename"];
let hitShape = null;
export async function searchEntities(text, limit) {
  for (const shape of hitShape ? [hitShape] : HIT_SHAPES) {
    try {
      const { search } = await gql(`query Search($text: String!, $limit: Int!) { search(text: $text, limit: $limit) { score entity { ${shape} } } }`, { text, limit });
      hitShape = shape;
      return search.map((hit) => ({ ...hit, entity: { ...hit.entity, type: hit.entity.type ?? hit.entity.__typename } }));
    } catch (error) {
      if (shape === HIT_SHAPES.at(-1) || hitShape) throw error;
    }
  }
  return [];
}
