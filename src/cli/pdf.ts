// HTML → A4 PDF through a local headless Chromium (playwright-core), with 第 x 页 共 y 页 in the footer; reports why when it cannot.

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PAGE_FOOTER_TEMPLATE } from '../shared/document';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The one A4 print setup of every jifen document (公示, 报告, 更正公示, 个人积分单): the page size and margins
 * come from the document's own @page rule (preferCSSPageSize), and page numbers from Chromium's print
 * footer (CSS page counters in @page margin boxes are not printed by it). Tests print with the same options.
 */
export const A4_PDF_OPTIONS = {
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate: PAGE_FOOTER_TEMPLATE,
} satisfies NonNullable<Parameters<import('playwright-core').Page['pdf']>[0]>;

export type PdfOutcome = { ok: true; pages: number } | { ok: false; reason: string };

/** The Chromium executable: JIFEN_CHROMIUM, else the usual Debian/Ubuntu paths. */
export function chromiumPath(): string | undefined {
  const env = process.env.JIFEN_CHROMIUM;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Prints an HTML file to a PDF buffer. Never throws. */
export async function htmlFileToPdf(htmlPath: string): Promise<{ pdf: Buffer } | { reason: string }> {
  return (await htmlFilesToPdf([htmlPath]))[0]!;
}

/**
 * Prints several HTML files with one Chromium (one launch for a dozen 个人积分单, not twelve), one
 * outcome per file in order. Never throws.
 */
export async function htmlFilesToPdf(
  htmlPaths: readonly string[],
): Promise<({ pdf: Buffer } | { reason: string })[]> {
  const all = (reason: string) => htmlPaths.map(() => ({ reason }));
  const exe = chromiumPath();
  if (!exe) return all('未找到 Chromium（可安装 chromium，或设置 JIFEN_CHROMIUM 指向浏览器）');
  let chromium: typeof import('playwright-core').chromium;
  try {
    // playwright-core is a development dependency: an install without it still publishes (HTML only).
    ({ chromium } = await import('playwright-core'));
  } catch {
    return all('未安装 playwright-core（npm install playwright-core）');
  }
  const failed = (e: unknown) => ({
    reason: `Chromium 打印失败：${(e as Error)?.message?.split('\n')[0] ?? String(e)}`,
  });
  let browser: import('playwright-core').Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: exe });
    const out: ({ pdf: Buffer } | { reason: string })[] = [];
    for (const htmlPath of htmlPaths) {
      const page = await browser.newPage();
      try {
        await page.goto(pathToFileURL(htmlPath).href);
        await page.evaluate(() => document.fonts.ready.then(() => true));
        const pdf = await page.pdf(A4_PDF_OPTIONS);
        out.push({ pdf });
      } catch (e) {
        out.push(failed(e));
      } finally {
        await page.close().catch(() => {});
      }
    }
    return out;
  } catch (e) {
    return all(failed(e).reason);
  } finally {
    await browser?.close().catch(() => {});
  }
}

/** Number of pages of a PDF (its /Type /Page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}
