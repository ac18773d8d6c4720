// npm run sources:schema: writes the source files' JSON Schema (schema/source-file.schema.json)
// from the loader's zod schema. Commit it with the change; a test fails while it is stale.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { SOURCE_FILE_JSON_SCHEMA, sourceFileJsonSchema } from "./source-file.ts";

writeFileSync(SOURCE_FILE_JSON_SCHEMA, sourceFileJsonSchema());
console.log(`wrote ${path.relative(process.cwd(), SOURCE_FILE_JSON_SCHEMA)}`);
