#!/usr/bin/env node
// Runs the compiled CLI in dist/. `npm install` and `npm ci` build it (the `prepare` script), and so
// does the test suite before it starts; after editing src/, `npm run build` brings it up to date.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('cleanwire: dist/ is missing: run `npm run build` (npm install runs it)\n');
  process.exit(2);
}
await import(main.href);
