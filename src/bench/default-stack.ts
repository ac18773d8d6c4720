// The comparison server: the same type definitions and resolvers on a plain @neo4j/graphql +
// @apollo/server standalone server, with no limits, caching or other tuning.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import neo4j from "neo4j-driver";
import { buildSchema } from "../api/schema.ts";
import { loadServiceConfig } from "../config.ts";

// Started by servers.ts with the same variables as the service (NEO4J_URI always set, PORT).
const config = loadServiceConfig();
const driver = neo4j.driver(config.NEO4J_URI!, neo4j.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD));
const schema = await buildSchema(driver);
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: config.PORT, host: "127.0.0.1" },
  context: async () => ({ query: { driver, timeoutMs: 60_000 }, maxPageSize: 1000 }),
});
console.log(`default stack listening at ${url}`);
