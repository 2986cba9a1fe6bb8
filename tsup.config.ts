import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "calendar/index": "src/calendar/index.ts",
      "sla/index": "src/sla/index.ts",
      "kpi/index": "src/kpi/index.ts",
      "scoring/index": "src/scoring/index.ts",
      "golden/index": "src/golden/index.ts",
      "table/index": "src/table/index.ts",
      // Node only (worker threads); never imported by the entries above
      "node/index": "src/node/index.ts",
      "node/_worker": "src/node/_worker.ts",
      // SQL functions for DuckDB: the only entry that imports @duckdb/node-api (an optional peer)
      "duckdb/index": "src/duckdb/index.ts",
    },
    external: ["@duckdb/node-api"],
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    sourcemap: true,
    target: "node20",
    splitting: true,
    treeshake: true,
  },
  {
    // The command: the only bundle that may touch fs/process. `yaml` is bundled here so the
    // library's runtime dependencies stay zod, date-fns, date-fns-tz.
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    noExternal: ["yaml", "tinyglobby", "fdir", "picomatch", "csv-parse", "hyparquet"],
    // bundled CommonJS dependencies (yaml) require node built-ins: give them a real `require`
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __slaKitCreateRequire } from "node:module";\nconst require = __slaKitCreateRequire(import.meta.url);' },
    define: { __SLA_KIT_VERSION__: JSON.stringify(version) },
    sourcemap: true,
  },
]);
