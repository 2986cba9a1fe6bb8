import { defineConfig } from "vitest/config";

// VITEST_JSON=<file> adds a JSON report (read by .ci/run). "[tz]" in the name is replaced by the
// run's TZ ("/" -> "_"), so one `npm test` (three TZ runs) writes one report per time zone.
const jsonReport = process.env.VITEST_JSON?.replace("[tz]", (process.env.TZ ?? "local").replace(/\//g, "_"));

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    // Type tests (test/types/*.test-d.ts) pin the public signatures; they run with the other
    // tests and count in the JSON report. Types do not depend on the host zone, so `npm test`
    // checks them in its TZ=UTC run only (`--typecheck.enabled=false` in the other two).
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./test/types/tsconfig.json" },
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
  },
});
