// Guard: wrangler 4 and astro 7 need Node >= 22.12. The `node` devDependency puts a
// Node 22 binary in node_modules/.bin, which `npm run` puts first on PATH. If we are
// on an older Node here, `npm install` was probably run with --ignore-scripts.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Gongkai needs Node >= 22.12 but this script runs on Node ${process.versions.node}.\n` +
      "Run `npm install` (without --ignore-scripts) so the `node` devDependency installs Node 22,\n" +
      "then use `npm start` / `npm test` (they put node_modules/.bin first on PATH).",
  );
  process.exit(1);
}
