// Where the type definitions live: schema/*.graphql, hand-written, plus the generated vocabulary.
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";

export const SCHEMA_DIR = path.join(PROJECT_ROOT, "schema");
