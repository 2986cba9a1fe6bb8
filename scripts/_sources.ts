/**
 * Shared by the doc checkers: code written against the package ("sla-kit", "sla-kit/<domain>",
 * "npm:sla-kit/<domain>") rewritten to import the sources, so it runs without a build from a
 * temp folder; other packages resolve from this repository.
 */
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const src = join(resolve(fileURLToPath(new URL("..", import.meta.url))), "src");

/** Rewrites static and dynamic imports of the package (and of other packages) to file URLs. */
export function rewriteImports(code: string): string {
  const target = (spec: string): string | null => {
    const m = /^(?:npm:)?sla-kit(?:\/(\w+))?$/.exec(spec);
    if (m === null) {
      // other packages (yaml, zod, ...) resolve from this repository, since the blocks run in a temp dir
      if (spec.startsWith("node:") || spec.startsWith(".") || spec.startsWith("file:")) return null;
      try {
        return import.meta.resolve(spec.replace(/^npm:/, ""));
      } catch {
        return null;
      }
    }
    return pathToFileURL(m[1] === undefined ? join(src, "index.ts") : join(src, m[1], "index.ts")).href;
  };
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^"']+)\2/g, (all, pre: string, _q, spec: string) => {
    const t = target(spec);
    return t === null ? all : `${pre}${JSON.stringify(t)}`;
  });
}

