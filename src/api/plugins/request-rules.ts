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
import {
  TypeInfo,
  getNamedType,
  visit,
  visitInParallel,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { ErrorCode, refusal } from "../errors.ts";
import { argumentProblem, effectiveArguments, type ArgumentLimits } from "./effective-arguments.ts";
import { checkCost, type CostCheck } from "./query-cost.ts";
import { connectionShapeTypes, interfaceArgumentProblem, repeatedConnectionFieldVisitor } from "./unsupported-shapes.ts";

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
function emptyAggregateSelectionVisitor(typeInfo: TypeInfo, document: DocumentNode, found: (problem: GraphQLError) => void): ASTVisitor {
  let done = false;
  return {
    Field(node) {
      const parent = typeInfo.getParentType();
      const type = typeInfo.getType();
      if (done || !parent || !type || !node.selectionSet) return;
      // Inside an aggregate (its node, edge, count), or the aggregate itself.
      const aggregating = /Aggregate(Selection)?$/.test(parent.name) || /Aggregate(Selection)?$/.test(getNamedType(type).name);
      if (!aggregating) return;
      if (selectedFieldNames(node.selectionSet, document).every((name) => name === "__typename")) {
        done = true;
        found(
          refusal(
            `Selection '${parent.name}.${node.name.value}' asks for no aggregate; select at least one field of ${getNamedType(type).name} besides __typename`,
            ErrorCode.BAD_USER_INPUT,
            [node],
          ),
        );
      }
    },
  };
}

export function emptyAggregateSelection(schema: GraphQLSchema, document: DocumentNode): GraphQLError | null {
  return shapeProblem(schema, document, new Set()).emptyAggregate;
}

/** The rules of the document alone, in one walk: an empty aggregate selection is reported before a
 *  repeated connection field, as when each had its own walk. */
function shapeProblem(schema: GraphQLSchema, document: DocumentNode, shapes: Set<string>) {
  const typeInfo = new TypeInfo(schema);
  const problems: { emptyAggregate: GraphQLError | null; repeated: GraphQLError | null } = { emptyAggregate: null, repeated: null };
  visit(
    document,
    visitWithTypeInfo(
      typeInfo,
      visitInParallel([
        emptyAggregateSelectionVisitor(typeInfo, document, (problem) => (problems.emptyAggregate = problem)),
        repeatedConnectionFieldVisitor(typeInfo, document, shapes, (problem) => (problems.repeated = problem)),
      ]),
    ),
  );
  return problems;
}

/** Variable sets remembered per document: a dashboard repeats a few; a client sending ever new ones
 *  gets the rules run each time, as before, without the memory growing. */
const VERDICTS_PER_DOCUMENT = 64;
/** Longer variables are checked every time rather than kept: 64 of them per document would hold
 *  megabytes (a body may be MAX_BODY_BYTES); a dashboard's are a few dozen characters. */
export const REMEMBERED_KEY_CHARS = 1024;

/** What the rules found of one parsed document. */
interface DocumentVerdicts {
  /** The rules of the document alone (its shapes) passed. */
  shapesPassed: boolean;
  /** The degree table the passes below were checked with: the cost depends on it. */
  degrees: ReadonlyMap<string, number> | null;
  /** Operation names and variables with which every rule passed. */
  passed: Set<string>;
}

/**
 * The rules' verdicts, per parsed document. Apollo's document store hands a repeated query the
 * same parsed document, so a repeated request pays a lookup instead of the walks: the rules of the
 * document alone pass once per document; the rules of its variables (effective arguments, cost)
 * once per operation name, variables and degree table. Only passes are remembered: a refused
 * request is checked again in full, so it gets the same refusal every time.
 */
export class RuleVerdicts {
  private readonly byDocument = new WeakMap<DocumentNode, DocumentVerdicts>();

  of(document: DocumentNode, degrees: ReadonlyMap<string, number> | null): DocumentVerdicts {
    let verdicts = this.byDocument.get(document);
    if (!verdicts) this.byDocument.set(document, (verdicts = { shapesPassed: false, degrees, passed: new Set() }));
    if (verdicts.degrees !== degrees) {
      verdicts.degrees = degrees;
      verdicts.passed.clear();
    }
    return verdicts;
  }

  static keyOf(operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
    return JSON.stringify([operationName ?? null, variables ?? null]);
  }

  static pass(verdicts: DocumentVerdicts, key: string): void {
    if (key.length > REMEMBERED_KEY_CHARS) return;
    if (verdicts.passed.size >= VERDICTS_PER_DOCUMENT) verdicts.passed.clear();
    verdicts.passed.add(key);
  }
}

export function requestRules(limits: RequestRuleLimits, memo = new RuleVerdicts()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation, schema, operationName }) {
          if (operation && operation.operation !== "query") {
            throw refusal(`This API is read-only: ${operation.operation} operations are not served`, ErrorCode.READ_ONLY);
          }
          if (!operation) return;
          const verdicts = memo.of(document, limits.degrees?.() ?? null);
          const key = RuleVerdicts.keyOf(operationName, request.variables);
          if (verdicts.passed.has(key)) return;
          for (const argument of effectiveArguments(schema, document, operation, request.variables)) {
            const problem = argumentProblem(argument, limits, schema) ?? interfaceArgumentProblem(argument, schema);
            if (problem) throw problem;
          }
          if (!verdicts.shapesPassed) {
            const problems = shapeProblem(schema, document, connectionShapes(schema));
            const unanswerable = problems.emptyAggregate ?? problems.repeated;
            if (unanswerable) throw unanswerable;
            verdicts.shapesPassed = true;
          }
          checkCost(schema, document, operationName ?? undefined, request.variables, limits);
          RuleVerdicts.pass(verdicts, key);
        },
      };
    },
  };
}
