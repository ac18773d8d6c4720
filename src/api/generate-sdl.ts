// npm run schema:generate: writes the model's vocabularies as GraphQL enums
// (schema/05-vocabulary.graphql), then the generated API's SDL to schema/generated/schema.graphql.
// Commit the result with the change that caused it; test/schema-snapshot.test.ts fails until then.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { GENERATED_SDL_FILE, buildSchema, printSchemaSnapshot } from "./schema.ts";
import { VOCABULARY_FILE, vocabularyTypeDefs } from "./vocabulary.ts";

writeFileSync(VOCABULARY_FILE, vocabularyTypeDefs());
console.log(`wrote ${path.relative(process.cwd(), VOCABULARY_FILE)}`);
writeFileSync(GENERATED_SDL_FILE, printSchemaSnapshot(await buildSchema()));
console.log(`wrote ${path.relative(process.cwd(), GENERATED_SDL_FILE)}`);
