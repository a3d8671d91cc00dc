// Runs a TypeScript file once (bundled in memory by esbuild) — for small maintenance scripts.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const [file, ...args] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await esbuild.build({
  entryPoints: [join(root, file)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  packages: 'external',
});
// Inside the repo so bare imports resolve from node_modules.
const tmp = join(mkdtempSync(join(root, 'node_modules', '.jifen-run-')), 'script.mjs');
writeFileSync(tmp, out.outputFiles[0].text);
process.argv = [process.argv[0], tmp, ...args];
await import(pathToFileURL(tmp).href);
