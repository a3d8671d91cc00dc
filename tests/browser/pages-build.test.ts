// The built HtmlService pages: self-contained, template-safe, and bundled from client code only.

import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { readDist } from './harness';

const root = join(__dirname, '..', '..');

describe.each(['Sidebar', 'Dialog'])('dist/%s.html', (name) => {
  const html = readDist(`${name}.html`);

  test('has its script and styles inlined, and no placeholders left', () => {
    expect(html).not.toContain('@build:');
    expect(html).toMatch(/<script>\n[\s\S]+<\/script>/);
    expect(html).toMatch(/<style>\n[\s\S]+<\/style>/);
    expect(html).toContain('<meta charset="utf-8" />');
  });

  test('loads nothing from outside and has nothing a template would evaluate', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toContain('<?');
    // exactly one script element: nothing inlined ended it early
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  test('the page script bundles only src/client (shared contract is type-only)', async () => {
    const out = await esbuild.build({
      entryPoints: [join(root, 'src/client', `${name.toLowerCase()}.ts`)],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      logLevel: 'silent',
      absWorkingDir: root,
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(1);
    for (const input of inputs) expect(input).toMatch(/^src\/client\/[a-z-]+\.ts$/);
  });
});
