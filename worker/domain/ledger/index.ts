/**
 * The ledger's pure core: canonical JSON leaves, RFC 6962/9162 Merkle hashing, proof
 * generation and verification, signed tree heads. No I/O and no Node or Hono imports,
 * so the site can import `verify.ts` (or this) and check proofs in a browser.
 */
export * from "./bytes";
export * from "./canonical-json";
export * from "./entries";
export * from "./generate";
export * from "./hash";
export * from "./proofs";
export * from "./tree";
export * from "./tree-head";
