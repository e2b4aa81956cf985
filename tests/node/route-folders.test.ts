import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 11 and docs/style: a route folder never imports a sibling route folder (what two
// resources share lives in worker/schemas/, db/queries/, domain/ or lib/), and each resource
// folder follows <r>.schemas.ts · <r>.routes.ts · <r>.handlers.ts · index.ts.
const ROUTES = resolve(__dirname, "../../worker/routes");
// docs serves the OpenAPI document and its rendered reference; it is not a resource.
const NOT_RESOURCES = new Set(["docs"]);

const folders = readdirSync(ROUTES).filter((name) => statSync(join(ROUTES, name)).isDirectory());

const importsOf = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

describe("worker/routes folders", () => {
  it("finds the route folders", () => {
    expect(folders).toContain("villages");
  });

  it.each(folders)("%s imports nothing from another route folder", (folder) => {
    const offending: string[] = [];
    for (const name of readdirSync(join(ROUTES, folder))) {
      if (!/\.tsx?$/.test(name)) continue;
      const file = join(ROUTES, folder, name);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(ROUTES, resolve(dirname(file), spec));
        if (target.startsWith("..")) continue; // below routes: lib, db, domain, schemas …
        const top = target.split(sep)[0]!;
        if (target.includes(sep) && top !== folder) offending.push(`${name} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it.each(folders.filter((f) => !NOT_RESOURCES.has(f)))("%s has the four files of a resource folder", (folder) => {
    const files = readdirSync(join(ROUTES, folder));
    for (const suffix of ["schemas", "routes", "handlers"]) expect(files).toContain(`${folder}.${suffix}.ts`);
    expect(files).toContain("index.ts");
  });
});
