// Deploy: check .clasp.json names a script, build dist/, push it with clasp. Needs only Node and clasp
// (no Chromium, no LibreOffice), so it runs on a maintainer's Windows or macOS laptop.
//
//   npm run deploy                  build + clasp push --force
//   npm run clasp:use -- <scriptId> write an existing script's id into .clasp.json
//   npm run clasp:create            clasp create --type sheets … --rootDir dist (new spreadsheet + script)
//
// Why no placeholder id in the committed .clasp.json: clasp treats any `scriptId` as "a project exists"
// and `clasp create` then stops with "Project file already exists." (clasp 3, commands/create-script.js).
// The committed file holds only `rootDir`, so both documented paths work with it.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// JIFEN_DEPLOY_ROOT: the folder holding .clasp.json (tests point it at a scratch copy).
const root = process.env.JIFEN_DEPLOY_ROOT || repo;
const claspJson = join(root, '.clasp.json');
/** Apps Script ids are long URL-safe base64 strings (the id in the editor URL /projects/<id>/edit). */
const SCRIPT_ID = /^[A-Za-z0-9_-]{20,}$/;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig() {
  if (!existsSync(claspJson)) return {};
  try {
    return JSON.parse(readFileSync(claspJson, 'utf8'));
  } catch {
    fail(`.clasp.json is not valid JSON (${claspJson}); restore it with: git checkout .clasp.json`);
  }
}

/** Runs clasp with this Node (no shell, so the same on Windows): JIFEN_CLASP_BIN overrides it in tests. */
function clasp(args) {
  const bin =
    process.env.JIFEN_CLASP_BIN ||
    join(dirname(createRequire(import.meta.url).resolve('@google/clasp/package.json')), 'build/src/index.js');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

const [command, ...rest] = process.argv.slice(2);

if (command === 'use') {
  const id = rest[0] ?? '';
  if (!SCRIPT_ID.test(id)) {
    fail(
      'usage: npm run clasp:use -- <scriptId>\n' +
        '  the id is in the Apps Script editor URL (…/projects/<scriptId>/edit) or under Project Settings → IDs',
    );
  }
  const config = { ...readConfig(), scriptId: id, rootDir: 'dist' };
  writeFileSync(claspJson, `${JSON.stringify(config, null, 2)}\n`);
  process.stdout.write(`.clasp.json now points at script ${id}; next: npm run deploy\n`);
  process.exit(0);
}

if (command === 'create') {
  if (readConfig().scriptId) {
    fail(`.clasp.json already names script ${readConfig().scriptId}; deploy with npm run deploy`);
  }
  // Why --rootDir dist every time: without it clasp pulls the new script's appsscript.json into the
  // repository root, over ours.
  process.exit(clasp(['create', '--type', 'sheets', '--title', '积分台账', '--rootDir', 'dist']));
}

if (command !== 'push') fail('usage: node scripts/deploy.mjs push|use <scriptId>|create');

const config = readConfig();
if (!config.scriptId || !SCRIPT_ID.test(config.scriptId)) {
  fail(
    '.clasp.json does not name an Apps Script project yet. Either\n' +
      '  npm run clasp:create             (new spreadsheet with a bound script), or\n' +
      '  npm run clasp:use -- <scriptId>  (an existing script)\n' +
      'then npm run deploy again.',
  );
}
if (config.rootDir !== 'dist') fail('.clasp.json must keep "rootDir": "dist" (only the build is pushed)');

const build = spawnSync(process.execPath, [join(repo, 'scripts/build.mjs'), '--out', join(root, 'dist')], {
  cwd: repo,
  stdio: 'inherit',
});
if (build.status !== 0) fail('build failed; nothing was pushed');
process.exit(clasp(['push', '--force']));
