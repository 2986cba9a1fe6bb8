/**
 * Runs every bench/*.bench.ts in turn, each in its own process (TZ=UTC, --expose-gc), and exits 1
 * when one fails. `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const files = readdirSync(new URL(".", import.meta.url)).filter((f) => f.endsWith(".bench.ts")).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", new URL("./_loader.mjs", import.meta.url).href, `bench/${f}`], { stdio: "inherit", env: { ...process.env, TZ: "UTC" } });
  if (r.status !== 0) {
    console.error(`bench/${f} failed (exit ${r.status ?? r.signal})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
