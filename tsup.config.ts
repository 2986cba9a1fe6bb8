import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "calendar/index": "src/calendar/index.ts",
      "sla/index": "src/sla/index.ts",
      "kpi/index": "src/kpi/index.ts",
      "scoring/index": "src/scoring/index.ts",
      "golden/index": "src/golden/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
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
    noExternal: ["yaml"],
    banner: { js: "#!/usr/bin/env node" },
    sourcemap: true,
  },
]);
