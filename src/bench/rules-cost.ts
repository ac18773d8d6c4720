// npm run bench:rules [-- --iterations 500]
//
// What the checks before execution cost each operation of the bench, in-process and without Neo4j:
// counting the query's tokens (the token limit), parsing, validating (GraphQL's rules and
// graphql-armor's depth, alias and directive limits), and the request rules (read-only, effective
// arguments and page sizes, unsupported shapes, cost), once on a document seen for the first time
// and once on a repeated one (the same parsed document and variables, as Apollo's document store
// hands a repeated query to the plugins), and the cut lists' marking of the document (one item past
// each page, cut-lists.ts), run on every request. Interleaved, medians in microseconds.
import { Lexer, Source, TokenKind, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { parseArgs } from "node:util";
import type { GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { loadServiceConfigWithDefaults } from "../config.ts";
import { armor } from "../api/plugins/armor.ts";
import { markLists } from "../api/plugins/cut-lists.ts";
import { effectiveVariables } from "../api/plugins/effective-arguments.ts";
import { defaultPages, relationshipFields } from "../api/plugins/query-cost.ts";
import { requestRules } from "../api/plugins/request-rules.ts";
import { buildSchema, readTypeDefs } from "../api/schema.ts";
import type { ApiContext } from "../api/resolvers.ts";
import { operations } from "./operations.ts";

const { values: args } = parseArgs({ allowPositionals: true, options: { iterations: { type: "string", default: "500" } } });
const iterations = Number(args.iterations);

const SAMPLE = {
  companyId: "company-1",
  otherCompanyId: "company-2",
  searchText: "model",
  namePrefix: "A",
  labId: "company-1",
  modelId: "model-1",
  licenseId: "license-1",
};

const countTokens = (query: string) => {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
};

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 1000 * 10) / 10;
};

async function main() {
  const config = loadServiceConfigWithDefaults({ NEO4J_PASSWORD: "bench-password-unused" });
  const schema: GraphQLSchema = await buildSchema();
  const protection = armor(config, false);
  const rules = [...specifiedRules, ...protection.validationRules];
  const pages = defaultPages(readTypeDefs());
  const plugin = requestRules({
    maxPageSize: config.MAX_PAGE_SIZE,
    maxListLength: config.MAX_LIST_LENGTH,
    maxFilterDepth: config.MAX_FILTER_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    pages,
    relationships: relationshipFields(readTypeDefs()),
    degrees: () => null,
  });
  const runRules = async (document: DocumentNode, variables: Record<string, unknown>) => {
    const listener = await plugin.requestDidStart!({} as never);
    const operation = getOperationAST(document)!;
    const context = { document, operation, schema, operationName: null, request: { query: "", variables } };
    await listener!.didResolveOperation!(context as unknown as GraphQLRequestContextDidResolveOperation<ApiContext>);
  };

  const rows: Array<Record<string, string | number>> = [];
  for (const op of operations(SAMPLE)) {
    const { query, variables } = op.graphql;
    const repeated = parse(query);
    const stages: Record<string, () => Promise<unknown> | unknown> = {
      tokens: () => countTokens(query),
      parse: () => parse(query),
      validate: () => validate(schema, parse(query), rules),
      "rules, new document": () => runRules(parse(query), variables),
      "rules, repeated document": () => runRules(repeated, variables),
      "cut-list marks": () => markLists(schema, repeated, pages, effectiveVariables(schema, getOperationAST(repeated)!, variables)),
    };
    const samples = Object.fromEntries(Object.keys(stages).map((name) => [name, [] as number[]]));
    for (let i = 0; i < iterations + 20; i++) {
      for (const [name, stage] of Object.entries(stages)) {
        const start = performance.now();
        await stage();
        if (i >= 20) samples[name]!.push(performance.now() - start);
      }
    }
    // Parsing is inside the validate and new-document timings: subtracted, so each column is one step.
    const parseUs = median(samples.parse!);
    rows.push({
      operation: op.name,
      tokens: median(samples.tokens!),
      parse: parseUs,
      validate: Math.round((median(samples.validate!) - parseUs) * 10) / 10,
      "rules, new document": Math.round((median(samples["rules, new document"]!) - parseUs) * 10) / 10,
      "rules, repeated document": median(samples["rules, repeated document"]!),
      "cut-list marks": median(samples["cut-list marks"]!),
    });
  }
  const columns = Object.keys(rows[0]!);
  console.log(`Checks before execution, medians in µs over ${iterations} iterations`);
  console.log(`| ${columns.join(" | ")} |\n| ${columns.map(() => "---").join(" | ")} |`);
  for (const row of rows) console.log(`| ${columns.map((c) => row[c]).join(" | ")} |`);
}

await main();
