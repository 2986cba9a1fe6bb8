// Smoke test of the packed package as CommonJS: `node smoke-cjs.cjs`, from the temp project of
// .ci/run. The entries are loaded with require(); the shared checks are an ES module.
/* global require, process, console */
/* eslint-disable @typescript-eslint/no-require-imports */
const mods = {
  "sla-kit": require("sla-kit"),
  "sla-kit/calendar": require("sla-kit/calendar"),
  "sla-kit/sla": require("sla-kit/sla"),
  "sla-kit/kpi": require("sla-kit/kpi"),
  "sla-kit/scoring": require("sla-kit/scoring"),
  "sla-kit/golden": require("sla-kit/golden"),
  "sla-kit/table": require("sla-kit/table"),
};
for (const spec of Object.keys(mods)) {
  if (!require.resolve(spec).endsWith(".cjs")) {
    console.error(`${spec} resolved to ${require.resolve(spec)}, not a .cjs file`);
    process.exitCode = 1;
  }
}
import("./checks.mjs")
  .then(({ runChecks }) => runChecks(mods, "cjs"))
  .catch((e) => { console.error(e.message); process.exitCode = 1; });
