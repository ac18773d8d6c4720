// What neo4j-admin import cannot write: an empty list (an empty field is no property at all). The
// CSV writer refuses a column where a list is empty in some rows and absent in others, so "absent
// in this file's nodes or relationships" means "empty" and these statements restore it exactly.
import type { CsvTable } from "./csv.ts";

const name = (identifier: string) => `\`${identifier.replaceAll("`", "``")}\``;

export function afterImportStatements(tables: CsvTable[]): string[] {
  return tables.flatMap((table) =>
    table.emptyLists.map((property) => {
      if (table.kind === "nodes") {
        return `MATCH (n:${name(table.name)}) WHERE n.${name(property)} IS NULL SET n.${name(property)} = []`;
      }
      const start = table.columns.find((c) => c.role === "start")!.idSpace!;
      const end = table.columns.find((c) => c.role === "end")!.idSpace!;
      return `MATCH (:${name(start)})-[r:${name(table.name)}]->(:${name(end)}) WHERE r.${name(property)} IS NULL SET r.${name(property)} = []`;
    }),
  );
}

export const renderAfterImport = (statements: string[]) =>
  "// Run once after `neo4j-admin database import` (cypher-shell -f after-import.cypher): it restores the\n" +
  "// empty lists the import cannot write. Each statement is idempotent.\n" +
  statements.map((s) => `${s};\n`).join("");
