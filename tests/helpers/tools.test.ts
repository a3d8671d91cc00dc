// requireTool: tools found on PATH (or CHROMIUM_PATH); a missing one skips the suite with one install line, or fails it under CI=true.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTools, findTool, INSTALL_COMMAND } from './tools';

const root = join(__dirname, '..', '..');

/** A folder of fake executables (shell scripts) to use as the whole PATH. */
function binDir(scripts: Record<string, string>, mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), 'jifen-tools-'));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

const empty = () => binDir({});

test('found on PATH: the first of its names that is an executable file', () => {
  const dir = binDir({ 'chromium-browser': 'exit 0', soffice: 'exit 0' });
  expect(findTool('chromium', { PATH: dir })).toBe(join(dir, 'chromium-browser'));
  expect(findTool('libreoffice', { PATH: `${empty()}:${dir}` })).toBe(join(dir, 'soffice'));
  expect(findTool('chromium', { PATH: empty() })).toBeUndefined();
  expect(findTool('chromium', {})).toBeUndefined();
});

test('a file that is not executable, or a folder of that name, does not count', () => {
  const dir = binDir({ chromium: 'exit 0' }, 0o644);
  mkdirSync(join(dir, 'soffice'));
  expect(findTool('chromium', { PATH: dir })).toBeUndefined();
  expect(findTool('libreoffice', { PATH: dir })).toBeUndefined();
});

test('CHROMIUM_PATH wins over PATH, and a CHROMIUM_PATH that does not exist is missing', () => {
  const a = binDir({ chromium: 'exit 0' });
  const b = binDir({ chrome: 'exit 0' });
  expect(findTool('chromium', { PATH: a, CHROMIUM_PATH: join(b, 'chrome') })).toBe(join(b, 'chrome'));
  expect(findTool('chromium', { PATH: a, CHROMIUM_PATH: join(b, 'nope') })).toBeUndefined();
  expect(findTool('chromium', { PATH: a, JIFEN_CHROMIUM: join(b, 'chrome') })).toBe(join(b, 'chrome'));
});

test('poppler needs both pdftotext and pdftoppm', () => {
  expect(findTool('poppler', { PATH: binDir({ pdftotext: 'exit 0' }) })).toBeUndefined();
  const both = binDir({ pdftotext: 'exit 0', pdftoppm: 'exit 0' });
  expect(findTool('poppler', { PATH: both })).toBe(join(both, 'pdftotext'));
});

test('the CJK font is found through fc-list only when it lists WenQuanYi', () => {
  const yes = binDir({ 'fc-list': 'echo "WenQuanYi Zen Hei,文泉驿正黑"' });
  const no = binDir({ 'fc-list': 'echo "DejaVu Sans"' });
  const broken = binDir({ 'fc-list': 'echo "WenQuanYi Zen Hei"; exit 1' });
  expect(findTool('cjk-font', { PATH: yes })).toBe(join(yes, 'fc-list'));
  expect(findTool('cjk-font', { PATH: no })).toBeUndefined();
  expect(findTool('cjk-font', { PATH: broken })).toBeUndefined();
  expect(findTool('cjk-font', { PATH: empty() })).toBeUndefined();
});

test('all there: describe, no message', () => {
  const dir = binDir({ chromium: 'exit 0', pdftotext: 'exit 0', pdftoppm: 'exit 0' });
  const c = checkTools('tests/x.test.ts', ['chromium', 'poppler'], { PATH: dir, CI: 'true' });
  expect(c).toEqual({
    describe,
    missing: [],
    paths: { chromium: join(dir, 'chromium'), poppler: join(dir, 'pdftotext') },
    message: '',
  });
});

test('missing: describe.skip and one line naming the suite, what is missing and the install command', () => {
  const dir = binDir({ chromium: 'exit 0' });
  const c = checkTools('tests/cli/print-pdf.test.ts', ['chromium', 'cjk-font', 'poppler'], { PATH: dir });
  expect(c.describe).toBe(describe.skip);
  expect(c.missing).toEqual(['cjk-font', 'poppler']);
  expect(c.message).toBe(
    'SKIPPED tests/cli/print-pdf.test.ts: needs CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei), poppler-utils (pdftotext, pdftoppm), not found. ' +
      'Install with: apt-get install -y chromium fonts-wqy-zenhei libreoffice-calc poppler-utils (or set CHROMIUM_PATH). Under CI=true this fails instead.',
  );
  expect(INSTALL_COMMAND).toBe('apt-get install -y chromium fonts-wqy-zenhei libreoffice-calc poppler-utils');
});

test.each(['true', '1'])('missing under CI=%s: throws (the suite fails to run), never skips', (ci) => {
  expect(() =>
    checkTools('tests/cli/libreoffice.test.ts', ['libreoffice'], { PATH: empty(), CI: ci }),
  ).toThrow(
    'FAILED tests/cli/libreoffice.test.ts: needs LibreOffice (soffice), not found, and under CI=true this suite is mandatory. ' +
      `Install with: ${INSTALL_COMMAND} (or set CHROMIUM_PATH).`,
  );
  // CI=false is not CI.
  expect(checkTools('s', ['libreoffice'], { PATH: empty(), CI: 'false' }).describe).toBe(describe.skip);
});

describe('a real suite run with a PATH that hides LibreOffice', () => {
  jest.setTimeout(120_000);
  // Only node on PATH (as on a fresh machine); jest itself is started by path.
  const nodeOnly = mkdtempSync(join(tmpdir(), 'jifen-path-'));
  symlinkSync(process.execPath, join(nodeOnly, 'node'));
  const runSuite = (ci: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: nodeOnly, JIFEN_SKIP_BUILD: '1' };
    delete env.CI;
    if (ci) env.CI = ci;
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/jest/bin/jest.js'), 'tests/cli/libreoffice.test.ts', '--maxWorkers=1'],
      { cwd: root, env, encoding: 'utf8' },
    );
    return { code: r.status, text: r.stdout + r.stderr };
  };

  test('without CI: exit 0, its tests skipped, the one SKIPPED line with the install command', () => {
    const r = runSuite(undefined);
    expect(r.code).toBe(0);
    // The summary reporter's block: jest itself prints nothing for a skipped suite when several run.
    expect(r.text).toContain(
      `SKIPPED 1 suite(s): tools not found. Install with: ${INSTALL_COMMAND}\n` +
        '  tests/cli/libreoffice.test.ts: needs LibreOffice (soffice)\n' +
        '  (under CI=true these suites fail instead of skipping)\n',
    );
    expect(r.text).toContain('jest: 0 passed, 0 failed, 3 skipped');
  });

  test('under CI=true: the suite fails', () => {
    const r = runSuite('true');
    expect(r.code).toBe(1);
    expect(r.text).toContain(
      'FAILED tests/cli/libreoffice.test.ts: needs LibreOffice (soffice), not found, and under CI=true this suite is mandatory.',
    );
  });
});
