// The 「积分管理」 menu: item labels and the global handler each one calls (SPEC §7).

export interface MenuItem {
  label: string;
  /** Name of the global function in the bundle (exported from entry.ts). */
  handler: string;
}

export const MENU_TITLE = '积分管理';

export const MENU_ITEMS: readonly MenuItem[] = [
  { label: '初始化/修复表格', handler: 'menuSetup' },
  { label: '打开管理侧栏', handler: 'menuOpenSidebar' },
  { label: '录入积分事项', handler: 'menuOpenEntryDialog' },
  { label: '重新计算', handler: 'menuRecompute' },
  { label: '发布月度公示', handler: 'menuPublishMonth' },
  { label: '发布半年汇总', handler: 'menuPublishHalfYear' },
  { label: '发布更正公示', handler: 'menuPublishCorrection' },
  { label: '校验公示', handler: 'menuVerifySnapshots' },
  { label: '年度结转', handler: 'menuYearRollover' },
  { label: '同步表单回复', handler: 'menuSyncResponses' },
  { label: '创建/更新申请表', handler: 'menuSetupForm' },
  { label: '发送申报汇总给纪检专干', handler: 'menuNotifyDiscipline' },
  { label: '个人链接', handler: 'menuPersonalLinks' },
  { label: '重置个人链接', handler: 'menuResetPersonalLinks' },
  { label: '街道：设置社区列表', handler: 'menuRollupSetup' },
  { label: '街道：汇总各社区', handler: 'menuRollup' },
  { label: '帮助', handler: 'menuHelp' },
];

/** Adds the menu to the spreadsheet UI. Called from onOpen; does nothing else (simple-trigger limits). */
export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_TITLE);
  MENU_ITEMS.forEach((item) => {
    if (['录入积分事项', '发布月度公示', '同步表单回复', '街道：设置社区列表', '帮助'].includes(item.label))
      menu.addSeparator();
    menu.addItem(item.label, item.handler);
  });
  menu.addToUi();
}
