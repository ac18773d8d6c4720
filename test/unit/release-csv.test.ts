// The release's CSV writer without a database: the text neo4j-admin import reads, and the graphs
// it refuses because the import could not give them back as they are. The round trip through a
// real import: test/release.test.ts.
import { Date as Neo4jDate, int } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { afterImportStatements } from "../../src/release/after-import.ts";
import { csvTables, renderCsv } from "../../src/release/csv.ts";
import type { GraphNode, ReleaseGraph } from "../../src/release/graph.ts";
import { turtleString } from "../../src/release/rdf.ts";

const entity = (id: string, properties: GraphNode["properties"] = {}): GraphNode => ({ idSpace: "Entity", id, labels: ["Company", "Entity"], properties: { id, ...properties } });
const graphOf = (nodes: GraphNode[], relationships: ReleaseGraph["relationships"] = []): ReleaseGraph => ({ nodes, relationships });

describe("the CSV files for neo4j-admin import", () => {
  it("type each column from the values, quote every present value, and leave an absent one empty", () => {
    const [table] = csvTables(graphOf([
      entity("a", { name: 'He said "yes", then\nleft', aliases: ["智谱", "Zhipu AI"], value: 1.5, count: int(3), date: new Neo4jDate(2024, 1, 2), open: true, note: "" }),
      entity("b"),
    ]));
    expect(table!.columns.map((c) => c.header)).toEqual(["id:ID(Entity)", ":LABEL", "aliases:string[]", "count:long", "date:date", "name:string", "note:string", "open:boolean", "value:double"]);
    expect(renderCsv(table!).split("\n")).toEqual([
      '"id:ID(Entity)",":LABEL","aliases:string[]","count:long","date:date","name:string","note:string","open:boolean","value:double"',
      '"a","Company;Entity","智谱;Zhipu AI","3","2024-01-02","He said ""yes"", then',
      'left","","true","1.5"',
      '"b","Company;Entity",,,,,,,',
      "",
    ]);
  });

  it("put relationships in one file per type, ends in their id spaces, and one per pair of spaces when a type joins two", () => {
    const tables = csvTables(graphOf(
      [entity("a"), { idSpace: "Metric", id: "m", labels: ["Metric"], properties: { id: "m" } }, { idSpace: "Source", id: "s", labels: ["Source"], properties: { id: "s" } }],
      [
        { type: "MENTIONS", start: { idSpace: "Source", id: "s" }, end: { idSpace: "Entity", id: "a" }, properties: {} },
        { type: "MENTIONS", start: { idSpace: "Source", id: "s" }, end: { idSpace: "Metric", id: "m" }, properties: {} },
        { type: "HAS_METRIC", start: { idSpace: "Entity", id: "a" }, end: { idSpace: "Metric", id: "m" }, properties: { sourceId: "s" } },
      ],
    ));
    expect(tables.map((t) => [t.path, t.columns.slice(0, 2).map((c) => c.header)])).toEqual([
      ["nodes/Entity.csv", ["id:ID(Entity)", ":LABEL"]],
      ["nodes/Source.csv", ["id:ID(Source)", ":LABEL"]],
      ["nodes/Metric.csv", ["id:ID(Metric)", ":LABEL"]],
      ["relationships/HAS_METRIC.csv", [":START_ID(Entity)", ":END_ID(Metric)"]],
      ["relationships/MENTIONS.Source-Entity.csv", [":START_ID(Source)", ":END_ID(Entity)"]],
      ["relationships/MENTIONS.Source-Metric.csv", [":START_ID(Source)", ":END_ID(Metric)"]],
    ]);
  });

  it("restore empty lists after the import, which writes none", () => {
    const tables = csvTables(graphOf([entity("a", { aliases: [] }), entity("b", { aliases: ["B"] })]));
    expect(renderCsv(tables[0]!)).toContain('"a","Company;Entity",\n');
    expect(afterImportStatements(tables)).toEqual(["MATCH (n:`Entity`) WHERE n.`aliases` IS NULL SET n.`aliases` = []"]);
  });

  it("refuse what an import could not give back: two types in a column, a list both empty and absent, an element holding the delimiter", () => {
    expect(() => csvTables(graphOf([entity("a", { value: 1.5 }), entity("b", { value: "high" })]))).toThrow(
      "Entity nodes: property 'value' is double in one record and string in another; a CSV column has one type",
    );
    expect(() => csvTables(graphOf([entity("a", { value: int(1) }), entity("b", { value: 1 })]))).toThrow(/'value' is long in one record and double/);
    expect(() => csvTables(graphOf([entity("a", { aliases: [] }), entity("b")]))).toThrow(
      "Entity nodes: property 'aliases' is an empty list in 1 record(s) and absent in 1; neo4j-admin import cannot tell the two apart",
    );
    expect(() => csvTables(graphOf([entity("a", { aliases: ["x;y"] })]))).toThrow(`the list element "x;y" contains ';'`);
  });
});

describe("Turtle strings", () => {
  it("escape the characters a quoted literal may not hold", () => {
    expect(turtleString('a "b" \\ c\nd\re\tf\u0001')).toBe('"a \\"b\\" \\\\ c\\nd\\re\\tf\\u0001"');
    expect(turtleString("智谱，「引号」")).toBe('"智谱，「引号」"');
  });
});
