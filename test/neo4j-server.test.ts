// The database every other test relies on: the right Neo4j, with what @neo4j/graphql v7 needs.
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

describe("the test run's Neo4j", () => {
  let driver: Driver;
  beforeAll(() => {
    const { uri, username, password } = inject("neo4j");
    driver = neo4j.driver(uri, neo4j.auth.basic(username, password));
  });
  afterAll(() => driver.close());

  it("is Neo4j 5.26.x", async () => {
    const { records } = await driver.executeQuery("CALL dbms.components() YIELD versions RETURN versions[0] AS v");
    expect(records[0]?.get("v")).toMatch(/^5\.26\.\d+$/);
  });

  it("has the APOC core procedures of the same version", async () => {
    const { records } = await driver.executeQuery(
      "CALL dbms.components() YIELD versions RETURN versions[0] AS neo4j, apoc.version() AS apoc",
    );
    expect(records[0]?.get("apoc")).toBe(records[0]?.get("neo4j"));
    // A procedure @neo4j/graphql relies on, called for real rather than just listed.
    const result = await driver.executeQuery("CALL apoc.util.validate(false, 'never', []) RETURN 1 AS ok");
    expect(result.records).toHaveLength(1);
  });

  it("accepts the CYPHER 5 prefix that @neo4j/graphql v7 sends", async () => {
    const { records } = await driver.executeQuery("CYPHER 5 RETURN 1 + 1 AS two");
    expect(records[0]?.get("two").toNumber()).toBe(2);
  });
});
