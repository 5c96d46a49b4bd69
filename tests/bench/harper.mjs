// harper.mjs - lint each file named on the command line with Harper
// (harper.js, the WebAssembly build), print the number of lints per file.
import { readFileSync } from 'node:fs';
import { LocalLinter, binary } from 'harper.js';

const linter = new LocalLinter({ binary });
await linter.setup();
for (const f of process.argv.slice(2)) {
  const lints = await linter.lint(readFileSync(f, 'utf8'));
  console.log(`${f}: ${lints.length}`);
}
