// The executable schema: @neo4j/graphql's generation from schema/*.graphql plus the custom
// relational resolvers. Shared by the service, the bench and the committed SDL snapshot
// (schema/generated/schema.graphql), which pins the public contract: a test fails when it is stale.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { lexicographicSortSchema, type GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { resolvers } from "./resolvers.ts";
import { SCHEMA_DIR } from "./schema-files.ts";

/** The generated API's SDL, sorted, as committed; also served at /schema.graphql. */
export const GENERATED_SDL_FILE = path.join(SCHEMA_DIR, "generated", "schema.graphql");

/** The type definitions: every schema/*.graphql file in name order. */
export function readTypeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(path.join(SCHEMA_DIR, f), "utf8"))
    .join("\n");
}

/** @neo4j/graphql's deprecated generated fields are left out: no client of this read-only API
 *  uses them, and they were more than half of the SDL. */
const FEATURES = {
  excludeDeprecatedFields: {
    mutationOperations: true,
    aggregationFilters: true,
    aggregationFiltersOutsideConnection: true,
    relationshipFilters: true,
    attributeFilters: true,
  },
};

/** The schema the service serves (and the bench's plain stack, for a like-for-like comparison).
 *  Building it opens no connection; the driver is used by queries. Other type definitions are for
 *  tests that run a shape with one of the schema's guards off (test/library-workarounds.test.ts). */
export function buildSchema(driver?: Driver, typeDefs: string = readTypeDefs()): Promise<GraphQLSchema> {
  return new Neo4jGraphQL({ typeDefs, ...(driver ? { driver } : {}), resolvers, features: FEATURES }).getSchema();
}

/** The schema as SDL, types and fields sorted so that a diff shows only real changes. */
export const printSchemaSnapshot = (schema: GraphQLSchema): string => `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
