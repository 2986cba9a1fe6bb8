import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas, schemaText } from "../../src/cli/schemas.js";

describe("shipped JSON Schemas in schemas/ are up to date (regenerate: npx tsx scripts/write-schemas.ts)", () => {
  it.each(Object.keys(jsonSchemas))("%s", (kind) => {
    expect(readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), "utf8")).toBe(schemaText(kind));
  });
});
