// The release's Frictionless Data descriptor (datapackage.json): one tabular resource per CSV file,
// its fields typed, nodes keyed by id, relationships' ends foreign keys into the node files.
import type { CsvColumn, CsvTable } from "./csv.ts";
import { ARRAY_DELIMITER } from "./csv.ts";
import type { ReleaseInfo } from "./release-info.ts";

const FRICTIONLESS_TYPE = { string: "string", long: "integer", double: "number", boolean: "boolean", date: "date", datetime: "datetime" } as const;

/** A resource name as the Data Package spec allows it: lower case, digits and -._/ */
export const resourceName = (table: CsvTable) => table.path.replace(/\.csv$/, "").toLowerCase().replace(/[^a-z0-9._/-]/g, "-").replaceAll("/", "-");

function field(column: CsvColumn) {
  const description =
    column.role === "label"
      ? `the node's labels, separated by '${ARRAY_DELIMITER}'`
      : column.array
        ? `a list of ${column.type} values, separated by '${ARRAY_DELIMITER}'; empty: the empty list (see after-import.cypher)`
        : undefined;
  return {
    name: column.header,
    // A list is one text field to Frictionless; its elements' type is in the header.
    type: column.array || column.role === "label" ? "string" : FRICTIONLESS_TYPE[column.type],
    ...(column.type === "boolean" && !column.array ? { trueValues: ["true"], falseValues: ["false"] } : {}),
    ...(description ? { description } : {}),
    ...(column.role === "property" ? {} : { constraints: { required: true, ...(column.role === "id" ? { unique: true } : {}) } }),
  };
}

export function dataPackage(tables: CsvTable[], info: ReleaseInfo, sources: { title: string; path?: string }[]) {
  const nodeResource = new Map(tables.filter((t) => t.kind === "nodes").map((t) => [t.name, t]));
  return {
    profile: "tabular-data-package",
    name: info.name,
    title: info.title,
    description: info.description,
    version: info.version,
    created: info.created,
    licenses: [info.license],
    sources: sources.map((s) => ({ title: s.title, ...(s.path ? { path: s.path } : {}) })),
    resources: tables.map((table) => {
      const idColumn = table.columns.find((c) => c.role === "id");
      const foreignKeys = table.columns
        .filter((c) => c.role === "start" || c.role === "end")
        .map((c) => {
          const target = nodeResource.get(c.idSpace!)!;
          return { fields: c.header, reference: { resource: resourceName(target), fields: target.columns[0]!.header } };
        });
      return {
        name: resourceName(table),
        path: table.path,
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        description: table.kind === "nodes" ? `${table.name} nodes (${table.rows.length})` : `${table.name} relationships (${table.rows.length})`,
        schema: {
          fields: table.columns.map(field),
          ...(idColumn ? { primaryKey: [idColumn.header] } : {}),
          ...(foreignKeys.length ? { foreignKeys } : {}),
        },
      };
    }),
  };
}
