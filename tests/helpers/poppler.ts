// Reading printed PDFs back with poppler-utils: page count (pdfinfo), text of all or one page (pdftotext), a page as PNG (pdftoppm).

import { execFileSync } from 'node:child_process';

/** Number of pages pdfinfo reports. */
export function pdfPages(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
}

/** pdftotext -layout of the whole PDF, or of page `page` only (1-based); whitespace removed when `flat`. */
export function pdfText(path: string, opts: { page?: number; flat?: boolean } = {}): string {
  const range = opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : [];
  const text = execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
  return opts.flat ? text.replace(/\s+/g, '') : text;
}

/** Renders one page (default the first) at 80 dpi to `<prefix>-<page>.png`; returns that path. */
export function renderPdfPage(path: string, prefix: string, page = 1): string {
  const p = String(page);
  // -singlefile: no zero-padded page suffix of pdftoppm's own (it pads to the page count's digits).
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', p, '-l', p, path, `${prefix}-${p}`]);
  return `${prefix}-${p}.png`;
}
