/**
 * The foundation documents stay true: docs/errors.md lists every error code, and the relative
 * links of README.md and docs/index.md point at files that exist (docs/api/ is generated).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";

const root = new URL("../../", import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), "utf8");

/** Relative link targets of a markdown file, without anchors; external and generated ones left out. */
function relativeLinks(file: string): string[] {
  const out: string[] = [];
  for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = (m[1] ?? "").split("#")[0] ?? "";
    if (target === "" || /^[a-z]+:/i.test(target)) continue;
    const resolved = new URL(target, new URL(file, root)).pathname.slice(new URL(root).pathname.length);
    if (resolved.startsWith("docs/api")) continue;
    out.push(resolved);
  }
  return out;
}

describe("docs/errors.md", () => {
  it("has a table row for every code of src/errors.ts, and no other code", () => {
    const doc = read("docs/errors.md");
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual(Object.keys(ErrorCode).sort());
  });
});

describe("links", () => {
  for (const file of ["README.md", "docs/index.md", "CONTRIBUTING.md", "examples/README.md"]) {
    it(`every relative link of ${file} exists`, () => {
      const missing = relativeLinks(file).filter((p) => !existsSync(new URL(p, root)));
      expect(missing).toEqual([]);
    });
  }
});
