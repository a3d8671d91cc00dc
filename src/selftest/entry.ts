// The self-test bundle's entry: every production global, plus jifenSelfTest (never in the production dist/).

import { runSelfTest } from './scenario';

export * from '../gas/entry';

/**
 * 积分台账自测：在本脚本绑定的空白表格中走完整个流程（初始化、名册、申请表、表单回复、入账、审核、计算、
 * 公示与 PDF、篡改校验、异议更正、半年报告、单元格公式），结果写入「自测报告」表并打印到执行日志。
 * 只在自测构建（npm run build:selftest）中存在。
 */
export function jifenSelfTest(): string {
  return runSelfTest().text;
}
