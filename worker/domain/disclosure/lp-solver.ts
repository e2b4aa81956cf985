/**
 * The linear-programming solver of the exact attacker: HiGHS compiled to WebAssembly (the
 * `highs` package), never a hand-written one. Loaded once per isolate or process.
 *
 * Workers refuse to compile WebAssembly from bytes at run time, so inside workerd the
 * module comes from a wasm import (wrangler bundles `highs/runtime` as a compiled module);
 * Node (the CLI, disclosure-check, seeding) lets the package read its .wasm beside it.
 */
import loadHighs, { type Highs } from "highs";

let loading: Promise<Highs> | undefined;

function inWorkerd(): boolean {
  // WebSocketPair exists only in the Workers runtime (navigator.userAgent is not reliable under the test pool).
  return "WebSocketPair" in globalThis;
}

export function highsSolver(): Promise<Highs> {
  loading ??= (async () => {
    if (inWorkerd()) {
      const wasm = await import("./highs-wasm");
      // The package's `wasmModule` option is typed but not wired in its 1.15.3 loader, so the
      // standard Emscripten hook instantiates the compiled module instead.
      const options = {
        instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
          receive(new WebAssembly.Instance(wasm.default, imports));
          return {};
        },
        // Never fetch or read the .wasm by URL: the module above is already compiled.
        locateFile: (path: string) => path,
      };
      return loadAsNonNode(() => loadHighs(options as Parameters<typeof loadHighs>[0]));
    }
    return loadHighs();
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The Emscripten loader takes its Node path whenever `process.versions.node` exists, which
 * `nodejs_compat` provides inside workerd; that path calls `createRequire(import.meta.url)`,
 * and in wrangler's bundle `import.meta.url` is undefined, so the deployed Worker failed to
 * load the solver (the vitest pool bundles differently and hid it; tests/node/highs-bundle
 * proves the bundled path). The loader decides once, synchronously, at the start of the
 * call, and treats `process.type === "renderer"` (Electron) as not-Node: set just for that
 * synchronous start, then restored.
 */
function loadAsNonNode<T>(load: () => T): T {
  const proc = (globalThis as { process?: { type?: unknown } }).process;
  if (!proc) return load();
  const had = Object.prototype.hasOwnProperty.call(proc, "type");
  const previous = proc.type;
  proc.type = "renderer";
  try {
    return load();
  } finally {
    if (had) proc.type = previous;
    else delete proc.type;
  }
}
