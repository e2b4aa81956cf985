// The package's compiled WebAssembly, imported as a module inside workerd (lp-solver.ts).
declare module "highs/runtime" {
  const module: WebAssembly.Module;
  export default module;
}
