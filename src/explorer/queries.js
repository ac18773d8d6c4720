// The documents the explorer sends first: an entity's page and a search. One module, with no
// DOM, so the service warms exactly these documents before /ready turns 200 (src/api/warm-up.ts):
// on a cold Neo4j the first entity page otherwise timed out.

export const FACT_FIELDS = `sourceId evidence amount currency certainty qualifier citedSource { id title kind }
  validFrom validTo datePrecision status stakePercent asOf evidenceKind corroboration publisherCount`;

export const DISAGREEMENT_FIELDS = `subject { id name nameZhHans nameZhHant type } metric periodEnd unit kind
  versions { metricId value comparator scope periodLabel sourceId source { id title kind date } evidence certainty qualifier }`;

/** An entity's page: its names, its facts (up to $limit, totalFacts says how many) and its sources;
 *  narrowed by $asOf and $knownAt when the page is (time-view.js), as it is sent without them otherwise. */
export const ENTITY_QUERY = `query Entity($id: ID!, $limit: Int!, $asOf: Date, $knownAt: Date) {
     neighbourhood(id: $id, limit: $limit, asOf: $asOf, knownAt: $knownAt) {
       entity { id name nameZhHans nameZhHant type } aliases
       facts { relationship direction ${FACT_FIELDS} other { id name nameZhHans nameZhHant type } }
       totalFacts sources { id title kind date } } }`;

/** The figures sources give differently for a company or an event. */
export const ENTITY_DISAGREEMENTS_QUERY = `query EntityDisagreements($id: ID!) { disagreements(subjectId: $id) { ${DISAGREEMENT_FIELDS} } }`;

/** Source titles by id, a page of at most 100. */
export const SOURCE_TITLES_QUERY = `query SourceTitles($ids: [ID!]!) { sources(where: { id: { in: $ids } }, limit: 100) { id title kind } }`;

/** Entities by name or alias in any script, best first. */
export const SEARCH_QUERY = `query Search($text: String!, $limit: Int!) { search(text: $text, limit: $limit) { score entity { id name nameZhHans nameZhHant __typename } } }`;
