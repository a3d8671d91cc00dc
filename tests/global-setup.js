// Jest global setup: build dist/ once so bundle and CLI tests run against what ships.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.JIFEN_SKIP_BUILD) return;
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'pipe' });
};
