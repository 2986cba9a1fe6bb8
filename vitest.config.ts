import { defineConfig } from "vitest/config";

// VITEST_JSON=<file> adds a JSON report (read by .ci/run). "[tz]" in the name is replaced by the
// run's TZ ("/" -> "_"), so one `npm test` (three TZ runs) writes one report per time zone.
const jsonReport = process.env.VITEST_JSON?.replace("[tz]", (process.env.TZ ?? "local").replace(/\//g, "_"));

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
  },
});
