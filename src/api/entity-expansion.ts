// A hand-written query that finds entities (search) returns them as the generated Entity
// interface, so that a client may expand a hit as far as the generated API allows
// (`... on Company { metrics { value } }`). The custom resolver knows only ids; the fields the
// client asked for under the hit are fetched by running that same selection through
// @neo4j/graphql's own `entities` query, once for all the hits of a request.
import {
  execute,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";

/** Ids of the entities to expand, shared by every hit of one list. */
export interface ExpansionBatch {
  ids: string[];
  /** One execution per distinct selection (aliases may ask for different fields). */
  runs: Map<string, Promise<Map<string, unknown>>>;
}

export const newExpansionBatch = (ids: string[]): ExpansionBatch => ({ ids, runs: new Map() });

const IDS_VARIABLE = "expandedEntityIds";

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/** The generated query `entities(where: { id: { in: $ids } }, limit) { id <selection> }`. */
function expansionDocument(selection: SelectionSetNode, info: GraphQLResolveInfo, limit: number): DocumentNode {
  const variableDefinitions: VariableDefinitionNode[] = [
    ...(info.operation.variableDefinitions ?? []),
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(IDS_VARIABLE) },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name("ID") } } } },
    },
  ];
  const entities: FieldNode = {
    kind: Kind.FIELD,
    name: name("entities"),
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: name("where"),
        value: {
          kind: Kind.OBJECT,
          fields: [
            {
              kind: Kind.OBJECT_FIELD,
              name: name("id"),
              value: { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: name("in"), value: { kind: Kind.VARIABLE, name: name(IDS_VARIABLE) } }] },
            },
          ],
        },
      },
      { kind: Kind.ARGUMENT, name: name("limit"), value: { kind: Kind.INT, value: String(limit) } },
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      // The id under its own alias, to match rows to hits whatever the client selected.
      // __typename for the outer query to resolve the interface to its concrete type.
      selections: [{ kind: Kind.FIELD, alias: name("expansionId"), name: name("id") }, { kind: Kind.FIELD, name: name("__typename") }, ...selection.selections],
    },
  };
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: "query" as OperationDefinitionNode["operation"],
    variableDefinitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [entities] },
  };
  // The client's fragments, as written; execute() does not validate, so unused ones are harmless.
  const fragments: FragmentDefinitionNode[] = Object.values(info.fragments);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
}

/** The fields a hit already holds (search's own query returns them). */
const HIT_FIELDS = new Set(["id", "name", "nameZhHans", "nameZhHant", "type", "__typename"]);

/** True when the client asked only for fields the hit holds: no generated query is needed. */
export function hitAnswers(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((s) => s.kind === Kind.FIELD && !s.directives?.length && HIT_FIELDS.has(s.name.value)),
  );
}

/**
 * The entity of one hit, with exactly the fields the client selected under it. Every hit of the
 * batch shares one execution per selection, so a search of ten hits costs one generated query.
 */
export async function expandEntity(batch: ExpansionBatch, id: string, info: GraphQLResolveInfo, context: object): Promise<unknown> {
  const selection = info.fieldNodes[0]?.selectionSet;
  if (!selection) return null;
  const key = JSON.stringify(info.fieldNodes.map((node) => node.selectionSet?.loc ? [node.selectionSet.loc.start, node.selectionSet.loc.end] : null));
  let run = batch.runs.get(key);
  if (!run) {
    const merged: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []) };
    run = (async () => {
      const result = await execute({
        schema: info.schema,
        document: expansionDocument(merged, info, Math.max(batch.ids.length, 1)),
        variableValues: { ...info.variableValues, [IDS_VARIABLE]: batch.ids },
        contextValue: context,
      });
      if (result.errors?.length) throw result.errors[0];
      const rows = (result.data?.entities ?? []) as Array<{ expansionId: string; __typename: string }>;
      // @neo4j/graphql resolves its interfaces by __resolveType, which its own rows carry.
      return new Map(rows.map(({ expansionId, ...entity }) => [expansionId, { ...entity, __resolveType: entity.__typename }]));
    })();
    batch.runs.set(key, run);
  }
  return (await run).get(id) ?? null;
}
