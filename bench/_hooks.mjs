/**
 * Module hooks of bench/_loader.mjs: a relative `./x.js` import finds `./x.ts` when there is no
 * `./x.js`, as TypeScript's module resolution does, and `.ts` files are compiled by esbuild
 * (type-stripping only: no `keepNames`, no minifying, the target is this Node).
 */
import { readFile } from "node:fs/promises";
import { versions } from "node:process";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("file:") || specifier.startsWith("/");
    if (!relative || !specifier.endsWith(".js")) throw error;
    try {
      return await next(`${specifier.slice(0, -3)}.ts`, context);
    } catch {
      throw error; // neither exists: the error names the file imported
    }
  }
}

export async function load(url, context, next) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return next(url, context);
  const file = fileURLToPath(url);
  const { code } = await transform(await readFile(file, "utf8"), {
    loader: "ts",
    format: "esm",
    target: `node${versions.node}`,
    sourcefile: file,
    sourcemap: "inline",
  });
  return { format: "module", source: code, shortCircuit: true };
}
