// The comparison server: the same type definitions and resolvers on a plain @neo4j/graphql +
// @apollo/server standalone server, with no limits, caching or other tuning.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import neo4j from "neo4j-driver";
import { buildSchema } from "../api/schema.ts";

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD!));
const schema = await buildSchema(driver, { complexityEstimators: false });
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: "127.0.0.1" },
  context: async () => ({ query: { driver, timeoutMs: 60_000 }, maxPageSize: 1000 }),
});
console.log(`default stack listening at ${url}`);
