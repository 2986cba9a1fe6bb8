/**
 * Golden cases and policy diffs: pin outcomes as data, replay them in CI. Pure (no file system);
 * the `sla-kit` command reads the files.
 * @module
 */
export type { CaseFile, CaseResult, FileResult, GoldenCase, Mismatch, Tolerance } from "./types.js";
export { caseFileSchema, caseFileJsonSchema, parseCaseFile } from "./schema.js";
export { matchExpected } from "./matchExpected.js";
export { runCase, type RunCaseOptions } from "./runCase.js";
export { runCaseFile, type RunCaseFileOptions } from "./runCaseFile.js";
export { updateCaseFile } from "./updateCaseFile.js";
export { diffPolicies, type ErroredCase, type OutcomeFlip, type PolicyDiff, type TargetChange } from "./diffPolicies.js";
export { diffVersions, type DiffVersionsOptions, type VersionDiff, type VersionStageChange } from "./diffVersions.js";
export { builtinPolicies } from "./builtinPolicies.js";
export { caseKinds } from "./caseKinds.js";
