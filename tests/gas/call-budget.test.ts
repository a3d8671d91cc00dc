// Service-call budget of 重新计算: one read per input tab, one write per output tab, plus a small constant.
import { doRecompute } from '../../src/gas/actions';
import { INPUT_READS } from '../../src/gas/recompute-action';
import { TAB } from '../../src/shared/tabs';
import { seedBig } from './big-ledger';
import { cleanupGas, freshGas } from './helpers';

afterEach(cleanupGas);

test('recompute on 200 cadres × 12 months stays within reads-per-tab + writes-per-tab + a constant', () => {
  const fake = freshGas();
  const size = seedBig(fake, 200, 5);
  fake.counts.reset();
  const msg = doRecompute();
  expect(msg).toContain('200 名干部');
  // getValues: one per input tab (8) + the committee check's 设置 read + the log's header row;
  // getNumberFormats: the ledger's formats
  expect(fake.counts.get('Range.getValues')).toBeLessThanOrEqual(INPUT_READS.length + 2);
  expect(fake.counts.get('Range.getNumberFormats')).toBe(1);
  // setValues: ledger, 月度汇总, 年度汇总, 校验问题, and the log row
  expect(fake.counts.get('Range.setValues')).toBe(5);
  expect(fake.counts.reads()).toBeLessThanOrEqual(INPUT_READS.length + 5);
  expect(fake.counts.writes()).toBeLessThanOrEqual(4 * 3 + 20);
  expect(fake.counts.spreadsheetCalls()).toBeLessThan(124); // 3 of them: the 数据版本 cell (JIFEN_VERSION)
  expect(size.entries).toBe(200 * 12 * 5);
  // sanity: the data really was large
  expect(fake.values(TAB.monthly).length).toBeGreaterThan(200 * 10);
}, 120_000);
