// Issue 9: opening the sidebar or the dialog from the menu shows that page and no empty alert after it.
import { doSetup } from '../../src/gas/actions';
import { menuOpenEntryDialog, menuOpenSidebar } from '../../src/gas/entry';
import { cleanupGas, freshGas, OUTSIDER } from './helpers';

afterEach(cleanupGas);

const pages = { Sidebar: '<div>侧栏</div>', Dialog: '<div>录入</div>' };

test.each([
  ['menuOpenSidebar', menuOpenSidebar, 'sidebar'],
  ['menuOpenEntryDialog', menuOpenEntryDialog, 'modal'],
] as const)('%s opens its page and shows no alert', (_name, handler, kind) => {
  const fake = freshGas({ htmlFiles: pages });
  doSetup();
  handler();
  expect(fake.ui.dialogs.map((d) => d.kind)).toEqual([kind]);
  expect(fake.ui.alerts).toEqual([]);
});

test('a refusal to open the sidebar is still an alert with the Chinese reason', () => {
  const fake = freshGas({ htmlFiles: pages });
  doSetup();
  fake.spreadsheet.addEditor(OUTSIDER);
  fake.setActiveUser(OUTSIDER);
  menuOpenSidebar();
  expect(fake.ui.dialogs).toEqual([]);
  expect(fake.ui.alerts).toHaveLength(1);
  expect(fake.ui.alerts[0]!.prompt).toContain('只有两委成员或纪检专干可以打开管理侧栏');
});
