/** "Did you mean" for names a person mistyped, and a depth guard for nested input. @internal */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** The candidate closest to `word`, when it is close enough to be a typo (or a prefix of it). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 100) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word || c.length > 100) continue;
    const dist = distance(word, c);
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestD <= limit || (word.length >= 3 && best.toLowerCase().startsWith(word.toLowerCase())) ? best : undefined;
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? "" : ` Did you mean ${JSON.stringify(c)}?`;
}

/** How deep golden inputs, expectations and results may nest (JSON of any real result is far shallower). */
export const MAX_DEPTH = 200;

/**
 * Throws `code` when `value` nests deeper than {@link MAX_DEPTH} (or is cyclic), without recursion,
 * so a 10,000-deep input is an error and never a stack overflow.
 */
export function assertDepth(value: unknown, path: ErrorPath, code: ErrorCode, what: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  // the deepest level each object was seen at: a shared object is walked again only from deeper,
  // so a cycle climbs to MAX_DEPTH and the walk stays bounded
  const seen = new Map<object, number>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object" || v instanceof Date) continue;
    if ((seen.get(v) ?? -1) >= depth) continue;
    seen.set(v, depth);
    if (depth >= MAX_DEPTH) {
      throw new SlaKitError(code, `${what} nests deeper than ${MAX_DEPTH} levels (or refers to itself): golden data is plain JSON of modest depth.`, { path });
    }
    for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
}
