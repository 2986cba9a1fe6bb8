/**
 * The policy hash (`Policy.hash`, "fnv1a64:<16 hex>") is part of every evaluation's `policy` ref
 * and of golden files: its function must never change. FNV-1a 64 over the UTF-8 bytes, a lone
 * surrogate read as U+FFFD.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a64 } from "../../src/sla/_hash.js";

/** FNV-1a 64 with a hand-written UTF-8 encoder, as the hash was first implemented. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  const byte = (b: number): void => {
    h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) [0xc0 | (cp >> 6), 0x80 | (cp & 63)].forEach(byte);
    else if (cp < 0x10000) [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)].forEach(byte);
    else [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)].forEach(byte);
  }
  return h.toString(16).padStart(16, "0");
}

describe("fnv1a64, the function of Policy.hash", () => {
  it("gives the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("hashes 2-, 3- and 4-byte characters and lone surrogates (as U+FFFD) like the reference", () => {
    for (const s of ["é", "时效", "003 §6(2)", "😀", "\ud800", "a\udc00b", "\ud83d\ude00\ud83d", "\ufffd"]) expect(fnv1a64(s)).toBe(reference(s));
    expect(fnv1a64("\ud800")).toBe(fnv1a64("\ufffd"));
  });

  it("law: equals the reference on any string of UTF-16 code units", () => {
    // any code unit, surrogates (paired or not) often
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })).map((n) => String.fromCharCode(n));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string()), (s) => fnv1a64(s) === reference(s)),
      { numRuns: 1000 },
    );
  });
});
