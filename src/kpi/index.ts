export type { Ratio } from "./types.js";
