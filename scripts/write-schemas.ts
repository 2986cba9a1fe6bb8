/**
 * Writes the JSON Schemas (policy, golden cases, calendar, scoring rule, scorecard) into
 * `schemas/`, which the package ships so editors can validate files with `$schema`.
 * Run: `npx tsx scripts/write-schemas.ts`; test/cli/schemas.test.ts fails when they are stale.
 */
import { writeFileSync } from "node:fs";
import { jsonSchemas, schemaText } from "../src/cli/schemas.js";

for (const kind of Object.keys(jsonSchemas)) {
  writeFileSync(new URL(`../schemas/${kind}.schema.json`, import.meta.url), schemaText(kind));
  console.log(`schemas/${kind}.schema.json`);
}
