// The solver's compiled WebAssembly, imported as a module inside workerd (highs-wasm.ts).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
