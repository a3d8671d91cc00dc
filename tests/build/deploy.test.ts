// The deploy path: the committed .clasp.json lets `clasp create` run, and `npm run deploy` builds and pushes
// with only Node and clasp on PATH (no Chromium, no LibreOffice).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '..', '..');
const deploy = join(repo, 'scripts/deploy.mjs');
const realClasp = join(repo, 'node_modules/@google/clasp/build/src/index.js');
/** PATH with only Node's own folder: what a maintainer's laptop is guaranteed to have. */
const NODE_ONLY_PATH = dirname(process.execPath);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jifen-deploy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for clasp that records its arguments, working folder and what dist/ holds. */
function stubClasp(): string {
  const stub = join(dir, 'clasp-stub.cjs');
  writeFileSync(
    stub,
    `const fs = require('fs'), path = require('path');
const dist = path.join(process.cwd(), 'dist');
fs.writeFileSync(path.join(process.cwd(), 'clasp-call.json'), JSON.stringify({
  args: process.argv.slice(2), cwd: process.cwd(),
  dist: fs.existsSync(dist) ? fs.readdirSync(dist).sort() : null,
  path: process.env.PATH,
}));`,
  );
  return stub;
}

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [deploy, ...args], {
    encoding: 'utf8',
    env: { PATH: NODE_ONLY_PATH, HOME: dir, JIFEN_DEPLOY_ROOT: dir, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('.clasp.json as committed', () => {
  const committed = JSON.parse(readFileSync(join(repo, '.clasp.json'), 'utf8')) as Record<string, unknown>;

  test('holds rootDir dist and no script id (clasp reads any scriptId as "project exists")', () => {
    expect(committed).toEqual({ rootDir: 'dist' });
  });

  test('real clasp create gets past its "Project file already exists." check with it', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify(committed));
    const r = spawnSync(
      process.execPath,
      [realClasp, 'create', '--type', 'sheets', '--title', 't', '--rootDir', 'dist'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: NODE_ONLY_PATH, HOME: dir },
        timeout: 60_000,
      },
    );
    const said = r.stdout + r.stderr;
    expect(said).not.toContain('Project file already exists.');
    // With no Google login here it stops at the next step, which proves the check passed.
    expect(said).toContain('No credentials found.');
  });

  test('the old placeholder id made clasp create refuse (the bug this layout fixes)', () => {
    writeFileSync(
      join(dir, '.clasp.json'),
      JSON.stringify({ scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'dist' }),
    );
    const r = spawnSync(
      process.execPath,
      [realClasp, 'create', '--type', 'sheets', '--title', 't', '--rootDir', 'dist'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: NODE_ONLY_PATH, HOME: dir },
        timeout: 60_000,
      },
    );
    expect(r.stdout + r.stderr).toContain('Project file already exists.');
  });
});

describe('npm run deploy (scripts/deploy.mjs push)', () => {
  test('without a script id it pushes nothing and names both ways to get one', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist' }));
    const r = run(['push'], { JIFEN_CLASP_BIN: stubClasp() });
    expect(r.code).toBe(1);
    expect(r.err).toContain('npm run clasp:create');
    expect(r.err).toContain('npm run clasp:use -- <scriptId>');
    expect(existsSync(join(dir, 'clasp-call.json'))).toBe(false);
  });

  test('with a script id it builds dist/ and runs clasp push --force there, with only Node on PATH', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'a'.repeat(57), rootDir: 'dist' }));
    const r = run(['push'], { JIFEN_CLASP_BIN: stubClasp() });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const call = JSON.parse(readFileSync(join(dir, 'clasp-call.json'), 'utf8')) as {
      args: string[];
      cwd: string;
      dist: string[];
      path: string;
    };
    expect(call.args).toEqual(['push', '--force']);
    expect(call.cwd).toBe(dir);
    expect(call.dist).toEqual(
      expect.arrayContaining(['Code.js', 'appsscript.json', 'Sidebar.html', 'Dialog.html']),
    );
    expect(call.path).toBe(NODE_ONLY_PATH);
    expect(readdirSync(join(dir, 'dist', 'cli'))).toContain('jifen.cjs');
  });

  test('a rootDir other than dist is refused (clasp would push the sources)', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'a'.repeat(57), rootDir: '.' }));
    const r = run(['push'], { JIFEN_CLASP_BIN: stubClasp() });
    expect(r.code).toBe(1);
    expect(r.err).toContain('"rootDir": "dist"');
  });
});

describe('npm run clasp:use', () => {
  test('writes the id and keeps rootDir dist', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist' }));
    const id = '1AbC_dEf-ghIJklMNopQRstuVWxyz0123456789';
    const r = run(['use', id]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, '.clasp.json'), 'utf8'))).toEqual({
      rootDir: 'dist',
      scriptId: id,
    });
  });

  test('refuses something that is not a script id (a URL, empty)', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist' }));
    for (const bad of ['', 'https://script.google.com/home/projects/x/edit', 'short']) {
      const r = run(['use', bad]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('usage: npm run clasp:use -- <scriptId>');
    }
    expect(JSON.parse(readFileSync(join(dir, '.clasp.json'), 'utf8'))).toEqual({ rootDir: 'dist' });
  });

  test('clasp:create refuses when a script is already named, and otherwise runs clasp create into dist', () => {
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist', scriptId: 'b'.repeat(40) }));
    const stub = stubClasp();
    expect(run(['create'], { JIFEN_CLASP_BIN: stub }).code).toBe(1);
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist' }));
    expect(run(['create'], { JIFEN_CLASP_BIN: stub }).code).toBe(0);
    const call = JSON.parse(readFileSync(join(dir, 'clasp-call.json'), 'utf8')) as { args: string[] };
    expect(call.args).toEqual(['create', '--type', 'sheets', '--title', '积分台账', '--rootDir', 'dist']);
  });
});
