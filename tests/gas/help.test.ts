// 帮助 names every other menu item and writes the formulas the way that keeps them up to date.
import { helpText } from '../../src/gas/actions';
import { MENU_ITEMS } from '../../src/gas/menu';
import { cleanupGas, freshGas } from './helpers';

afterEach(cleanupGas);

test('帮助 mentions every menu item and the JIFEN_VERSION argument of each formula', () => {
  freshGas();
  const text = helpText();
  for (const item of MENU_ITEMS) if (item.label !== '帮助') expect(text).toContain(`「${item.label}」`);
  for (const f of ['JIFEN_TOTAL', 'JIFEN_RANK', 'JIFEN_LEAVE_DAYS'])
    expect(text).toMatch(new RegExp(`=${f}\\([^)]*JIFEN_VERSION\\)`));
  expect(text).toContain('当前账号：owner@example.com');
});
