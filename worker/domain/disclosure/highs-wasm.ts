// The solver's compiled WebAssembly for workerd, imported by path: wrangler's module rules
// match `*.wasm` import paths (the package's `highs/runtime` export alias is not one), and
// Workers refuse to compile WebAssembly from bytes at run time. Only lp-solver.ts imports
// this module, and only inside workerd: Node cannot import a .wasm file.
import wasm from "../../../node_modules/highs/build/highs.wasm";

export default wasm;
