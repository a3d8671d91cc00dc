// Shared by the personal-page tests (fake and browser): the demo community with links made and a visit to the web app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_ZH } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import * as entry from '../../src/gas/entry';
import { personalLinks } from '../../src/gas/personal-page';
import { doSetupForm } from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { demoScenario } from '../../src/shared/demo';
import type { FakeGas } from '../fake';
import { freshGas, ledgerRow, OWNER, seedDemo, setSetting, typeRows } from './helpers';

export const APP = 'https://script.google.com/macros/s/FAKE-DEPLOYMENT/exec';
// Apps Script serves the project file Personal.html (dist/, built from this source): the placeholders are the same.
export const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'src', 'client', 'personal.html'), 'utf8');
export const DEMO = demoScenario();
export const CADRES = 6;

function claim(id: string, cadreId: string, status: string, reason: string, note = ''): Cell[] {
  return ledgerRow({
    编号: id,
    月份: '2026-11',
    干部编号: cadreId,
    规则编码: 'T-MEDIATION',
    数量: 1,
    分值: 5,
    积分: 5,
    得分依据: reason,
    来源: SOURCE_ZH.form,
    申报人: `cadre${cadreId.slice(1)}@example.org`,
    申报时间: '2026-11-03 09:00:00',
    状态: status,
    审核意见: note,
  });
}

/**
 * The demo community (6 cadres, @example.org) with September published, November claims of 001 and 002,
 * the claim form, the web app deployed, and the links made by the owner. The script's developer is in
 * example.org's Workspace domain, so signed-in cadres of that domain are known to the web app.
 */
export function community(template = TEMPLATE): { fake: FakeGas; links: Map<string, string> } {
  const fake = freshGas({ scriptOwner: 'dev@example.org', htmlFiles: { Personal: template } });
  doSetup();
  setSetting(fake, '社区名称', '幸福社区');
  doSetup();
  seedDemo(fake, { cadres: CADRES });
  // September as the latest publication (its 公示记录 row; publishing January to September in order
  // is tests/gas/publish.test.ts's business).
  typeRows(fake, 'publications', [
    ['2026-09', 1, '公示-2026-09', OWNER, '2026-10-08 10:00:00', 20, 'a'.repeat(64)],
  ]);
  typeRows(fake, 'ledger', [
    claim('F-1101', '001', '待审核', '调解张家邻里漏水纠纷'),
    claim('F-1102', '001', '已驳回', '调解李家宠物纠纷', '无调解记录，请补充'),
    claim('F-1103', '002', '已通过', '机密：王家离婚调解'),
  ]);
  doSetupForm();
  fake.setWebAppUrl(APP);
  const links = new Map(personalLinks(fake.spreadsheet, false).map((l) => [l.cadreId, l.url]));
  return { fake, links };
}

export const tokenOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get('t')!);

/** A visit to the web app as `visitor` ('' = signed out) with the link's token (or none). */
export function visit(fake: FakeGas, visitor: string, t?: string, deployer = OWNER): string {
  fake.setRunContext('webapp');
  fake.setActiveUser(visitor);
  fake.setEffectiveUser(deployer); // executes as the deployer
  try {
    return entry.doGet({ parameter: t === undefined ? {} : { t } } as never).getContent();
  } finally {
    fake.setRunContext('full');
    fake.setActiveUser(OWNER);
  }
}
