// Shared helpers for the .xlsx CLI tests: temp folders, running the CLI in process, reading books back.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { evaluate } from '../../src/core';
import type { Cell } from '../../src/shared/cells';

export const root = join(__dirname, '..', '..');
export const demoScenarioPath = join(root, 'examples', 'demo-scenario.json');

export function tempDir(prefix = 'jifen-xlsx-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** test-output/ for artefacts worth looking at (screenshots, PDFs). */
export function outputDir(): string {
  const d = join(root, 'test-output');
  mkdirSync(d, { recursive: true });
  return d;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process with a fixed clock (month and instant). */
export async function cli(
  args: string[],
  clock: { month: string; instant?: Date } = { month: '2026-10' },
): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    now: () => clock.month,
    instant: () => clock.instant ?? new Date('2026-10-31T02:00:00Z'),
  });
  return { code, out, err };
}

export function readBook(file: string): XlsxPackage {
  return XlsxPackage.open(readFileSync(file));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Files in a folder (to prove nothing stray, such as a temp file or .bak, was left behind). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The demo scenario JSON (independent of the .xlsx path: the core computes from it directly). */
export function demoScenarioJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(demoScenarioPath, 'utf8'));
}

/** The core's own figures for a period of a scenario, keyed by cadre id. */
export function coreFigures(scenario: unknown, period: string, asOf = '2026-10') {
  const s = scenario as { settings?: Record<string, unknown> };
  const res = evaluate({ ...s, settings: { ...s.settings, asOf } }, period, { defaultAsOf: asOf });
  if (!res.ok) throw new Error(`core rejected the scenario: ${JSON.stringify(res.problems.slice(0, 3))}`);
  return new Map(res.output.cadres.map((c) => [c.cadreId, c]));
}

/** Rows of a summary tab for one period, keyed by 干部编号 → header → cell. */
export function summaryRowsOf(values: Cell[][], period: string): Map<string, Record<string, Cell>> {
  const header = values[0]!.map(String);
  const out = new Map<string, Record<string, Cell>>();
  for (const row of values.slice(1)) {
    if (String(row[0]) !== period) continue;
    const rec: Record<string, Cell> = {};
    header.forEach((h, i) => {
      rec[h] = row[i];
    });
    out.set(String(rec.干部编号), rec);
  }
  return out;
}
