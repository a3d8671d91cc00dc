// System tools some suites need (Chromium, a CJK font, LibreOffice, poppler): found on PATH, else the suite is skipped with one line saying how to install them — or fails under CI=true.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Tool = 'chromium' | 'cjk-font' | 'libreoffice' | 'poppler';

/** Everything the optional suites need, in one line (.ci/run installs the same). */
export const INSTALL_COMMAND = 'apt-get install -y chromium fonts-wqy-zenhei libreoffice-calc poppler-utils';

interface ToolSpec {
  label: string;
  /** Executables looked up on PATH, first found wins. */
  binaries: string[];
  /** Environment variables naming the executable directly (tried first). */
  env: string[];
}

const TOOLS: Record<Tool, ToolSpec> = {
  chromium: {
    label: 'Chromium',
    binaries: ['chromium', 'chromium-browser', 'google-chrome'],
    // CHROMIUM_PATH for the tests, JIFEN_CHROMIUM as the CLI reads it (src/cli/pdf.ts).
    env: ['CHROMIUM_PATH', 'JIFEN_CHROMIUM'],
  },
  'cjk-font': { label: 'CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei)', binaries: ['fc-list'], env: [] },
  libreoffice: { label: 'LibreOffice (soffice)', binaries: ['soffice', 'libreoffice'], env: [] },
  poppler: { label: 'poppler-utils (pdftotext, pdftoppm)', binaries: ['pdftotext', 'pdftoppm'], env: [] },
};

type Env = Record<string, string | undefined>;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` found as an executable file on env.PATH. */
export function onPath(names: readonly string[], env: Env = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names)
    for (const dir of dirs) {
      const p = join(dir, name);
      if (isExecutable(p)) return p;
    }
  return undefined;
}

/** Where a tool is (its executable; for the font, fc-list), or undefined when it is missing. */
export function findTool(tool: Tool, env: Env = process.env): string | undefined {
  const spec = TOOLS[tool];
  for (const v of spec.env) {
    const p = env[v];
    // An explicit path that does not exist is missing, not a reason to pick another browser.
    if (p) return isExecutable(p) ? p : undefined;
  }
  if (tool === 'poppler') {
    // Both programs are used; one without the other is a broken install.
    const found = spec.binaries.map((b) => onPath([b], env));
    return found.every(Boolean) ? found[0] : undefined;
  }
  const found = onPath(spec.binaries, env);
  if (tool !== 'cjk-font' || !found) return found;
  // Chromium prints CJK text with whatever fontconfig offers; the printed-page checks need this font.
  const r = spawnSync(found, [':lang=zh', 'family'], { encoding: 'utf8', env: env as NodeJS.ProcessEnv });
  return r.status === 0 && /wenquanyi|wqy/i.test(r.stdout) ? found : undefined;
}

export interface ToolCheck {
  /** `describe` when every tool is there, `describe.skip` otherwise (never under CI=true: it throws). */
  describe: jest.Describe;
  missing: Tool[];
  /** Path of each tool found. */
  paths: Partial<Record<Tool, string>>;
  /** The one line printed when the suite is skipped ('' when nothing is missing). */
  message: string;
}

/** The check behind requireTool, with the environment as a parameter (tests of the helper hide PATH). */
export function checkTools(suite: string, tools: readonly Tool[], env: Env = process.env): ToolCheck {
  const paths: Partial<Record<Tool, string>> = {};
  const missing: Tool[] = [];
  for (const t of tools) {
    const p = findTool(t, env);
    if (p) paths[t] = p;
    else missing.push(t);
  }
  if (missing.length === 0) return { describe, missing, paths, message: '' };
  const what = missing.map((t) => TOOLS[t].label).join(', ');
  const install = `Install with: ${INSTALL_COMMAND} (or set CHROMIUM_PATH).`;
  // Why fail under CI: .ci/run installs everything, so a missing tool there is a broken run, not a skip.
  if (env.CI === 'true' || env.CI === '1')
    throw new Error(
      `FAILED ${suite}: needs ${what}, not found, and under CI=true this suite is mandatory. ${install}`,
    );
  const message = `SKIPPED ${suite}: needs ${what}, not found. ${install} Under CI=true this fails instead.`;
  return { describe: describe.skip, missing, paths, message };
}

/**
 * `requireTool('chromium', 'poppler')('what the suite checks', () => { … })`: the suite runs when the
 * tools are on PATH; otherwise it is skipped with one line on how to install them; under CI=true a
 * missing tool fails the suite. `suite` defaults to the calling test file.
 */
export function requireTool(...tools: Tool[]): jest.Describe {
  const suite = expect.getState().testPath?.replace(/^.*?(tests\/)/, '$1') ?? 'this suite';
  const check = checkTools(suite, tools);
  if (check.message) console.warn(check.message);
  return check.describe;
}

/** Path of a tool that requireTool has made sure of (inside its describe). */
export function toolPath(tool: Tool): string {
  const p = findTool(tool);
  if (!p) throw new Error(`${TOOLS[tool].label} not found (requireTool should have skipped this suite)`);
  return p;
}
