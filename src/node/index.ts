/**
 * Node-only helpers (worker threads): never imported by the other entries, which stay pure.
 * @module
 */
export { tallyTicketsInWorkers, type TallyTicketsInWorkersOptions } from "./tallyTicketsInWorkers.js";
