// Rules checked once the operation is known, each on what the request will really run with:
//  - the API is read-only (a mutation gets READ_ONLY, not an execution error);
//  - effective arguments (effective-arguments.ts): page sizes within maxPageSize (the generated
//    @limit caps silently, and a dashboard should learn that its page was too large rather than
//    get fewer rows), no negative counts, no null inside a filter or sort, only cursors this API
//    gave out, no list longer than maxListLength;
//  - shapes @neo4j/graphql cannot answer (an aggregate's node with no aggregate in it, and the
//    shapes of unsupported-shapes.ts);
//  - the cost limit (query-cost.ts), on the effective page sizes.
// Every rejection is a client error (400) with a code; so are graphql-armor's.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from "graphql";
import { ErrorCode, refusal } from "../errors.ts";
import { argumentProblem, effectiveArguments, type ArgumentLimits } from "./effective-arguments.ts";
import { checkCost, type CostCheck } from "./query-cost.ts";
import { connectionShapeTypes, interfaceArgumentProblem, repeatedConnectionField } from "./unsupported-shapes.ts";

export type RequestRuleLimits = ArgumentLimits & CostCheck;

/** The generated connection types of each schema, found once. */
const shapesOf = new WeakMap<GraphQLSchema, Set<string>>();
const connectionShapes = (schema: GraphQLSchema) => {
  let shapes = shapesOf.get(schema);
  if (!shapes) shapesOf.set(schema, (shapes = connectionShapeTypes(schema)));
  return shapes;
};

/** The field names a selection set asks for, through its fragments. */
function selectedFieldNames(selectionSet: SelectionSetNode, document: DocumentNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === "Field") return [selection.name.value];
    if (selection.kind === "InlineFragment") return selectedFieldNames(selection.selectionSet, document);
    const fragment = document.definitions.find((d) => d.kind === "FragmentDefinition" && d.name.value === selection.name.value);
    return fragment && fragment.kind === "FragmentDefinition" ? selectedFieldNames(fragment.selectionSet, document) : [];
  });
}

/**
 * An aggregate, or its node or edge, selected with no aggregated field in it (only __typename):
 * @neo4j/graphql computes nothing and returns null for a non-null field, or fails with a filter
 * ("Attribute undefined not found").
 */
export function emptyAggregateSelection(schema: GraphQLSchema, document: DocumentNode): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  let problem: GraphQLError | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const type = typeInfo.getType();
        if (problem || !parent || !type || !node.selectionSet) return;
        // Inside an aggregate (its node, edge, count), or the aggregate itself.
        const aggregating = /Aggregate(Selection)?$/.test(parent.name) || /Aggregate(Selection)?$/.test(getNamedType(type).name);
        if (!aggregating) return;
        if (selectedFieldNames(node.selectionSet, document).every((name) => name === "__typename")) {
          problem = refusal(
            `Selection '${parent.name}.${node.name.value}' asks for no aggregate; select at least one field of ${getNamedType(type).name} besides __typename`,
            ErrorCode.BAD_USER_INPUT,
            [node],
          );
        }
      },
    }),
  );
  return problem;
}

export function requestRules(limits: RequestRuleLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation, schema, operationName }) {
          if (operation && operation.operation !== "query") {
            throw refusal(`This API is read-only: ${operation.operation} operations are not served`, ErrorCode.READ_ONLY);
          }
          if (!operation) return;
          for (const argument of effectiveArguments(schema, document, operation, request.variables)) {
            const problem = argumentProblem(argument, limits, schema) ?? interfaceArgumentProblem(argument, schema);
            if (problem) throw problem;
          }
          const unanswerable = emptyAggregateSelection(schema, document) ?? repeatedConnectionField(schema, document, connectionShapes(schema));
          if (unanswerable) throw unanswerable;
          checkCost(schema, document, operationName ?? undefined, request.variables, limits);
        },
      };
    },
  };
}
