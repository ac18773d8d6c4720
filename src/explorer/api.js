// The explorer's only way to the data: the public GraphQL API, over POST.
import { SEARCH_QUERY } from "./queries.js";

/** An error the API answered with: its message and its code (the first error's extensions.code). */
export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code ?? null;
  }
}

/**
 * The data and the lists the API cut (extensions.cutLists: { path, returned, offset, total }), by
 * path, so that a view can say "showing 20 of 37" instead of passing off a page as the whole list.
 * The totals are asked for (cutListTotals): the API counts them only when a list is cut.
 */
export async function request(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables, extensions: { cutListTotals: true } }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "), body.errors[0].extensions?.code);
  return { data: body.data, cutLists: new Map((body.extensions?.cutLists ?? []).map((cut) => [cut.path, cut])) };
}

export async function gql(query, variables) {
  return (await request(query, variables)).data;
}

/** One related entity, whether the API gives it as an object (Metric.company) or a list (Listing.company). */
export const one = (value) => (Array.isArray(value) ? value[0] ?? null : value ?? null);

/** Entities by name or alias in any script, best first; each with its type (the Entity's __typename). */
export async function searchEntities(text, limit) {
  const { search } = await gql(
    SEARCH_QUERY,
    { text, limit },
  );
  return search.map((hit) => ({ ...hit, entity: { ...hit.entity, type: hit.entity.__typename } }));
}
