import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, printToPdf } from '../../src/report/print-pdf.ts';
import { afterActionHtml } from '../../src/tabletop/aar-html.ts';

const chromium = findBrowser(process.env);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'phi-drill-print-'));
});

/** A stand-in browser: a shell script that does `body` with the --print-to-pdf path as $out. */
async function fakeBrowser(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    `#!/bin/sh\nfor a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done\n${body}\n`,
  );
  await chmod(path, 0o755);
  return path;
}

describe('finding a browser to print with', () => {
  it('takes PHI_DRILL_CHROMIUM first, `off` turns printing off, and a wrong path says so', async () => {
    const fake = await fakeBrowser('my-chrome', 'exit 0');
    expect(findBrowser({ PHI_DRILL_CHROMIUM: fake, PATH: '' })).toEqual({ path: fake });
    expect(findBrowser({ PHI_DRILL_CHROMIUM: 'off', PATH: process.env.PATH })).toEqual({
      problem: 'printing is off (PHI_DRILL_CHROMIUM=off)',
    });
    expect(findBrowser({ PHI_DRILL_CHROMIUM: dir })).toEqual({
      problem: `PHI_DRILL_CHROMIUM=${dir} is not an executable`,
    });
    // A bare name is looked up on PATH, as a shell would.
    expect(findBrowser({ PHI_DRILL_CHROMIUM: 'my-chrome', PATH: `/nonexistent:${dir}` })).toEqual({
      path: fake,
    });
    expect(findBrowser({ PHI_DRILL_CHROMIUM: 'my-chrome', PATH: '/nonexistent' })).toEqual({
      problem: 'PHI_DRILL_CHROMIUM=my-chrome is not on PATH',
    });
  });

  it('looks for Chromium on PATH, and says how to get one when there is none', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'phi-drill-bin-'));
    await writeFile(join(bin, 'chromium-browser'), '#!/bin/sh\n');
    await chmod(join(bin, 'chromium-browser'), 0o755);
    expect(findBrowser({ PATH: `/nonexistent:${bin}` })).toEqual({ path: join(bin, 'chromium-browser') });
    expect(findBrowser({ PATH: '/nonexistent' })).toEqual({
      problem: 'no Chromium on PATH (install chromium, or set PHI_DRILL_CHROMIUM to its path)',
    });
  });
});

describe('printing a page to PDF', () => {
  it('reports a browser that fails, and one that writes something other than a PDF', async () => {
    const html = join(dir, 'page.html');
    await writeFile(html, '<p>x</p>');
    const failing = await fakeBrowser('failing', 'exit 3');
    expect(await printToPdf(failing, html, join(dir, 'a.pdf'))).toEqual({
      ok: false,
      problem: `${failing} could not print: exit code 3`,
    });
    const liar = await fakeBrowser('liar', 'echo "<html>" > "$out"');
    expect(await printToPdf(liar, html, join(dir, 'b.pdf'))).toEqual({
      ok: false,
      problem: `${liar} wrote no PDF`,
    });
    // What a failed print left behind does not stay beside the evidence.
    expect(existsSync(join(dir, 'b.pdf'))).toBe(false);
    const halfway = await fakeBrowser('halfway', 'echo "%PDF-1.7 torn" > "$out"; exit 1');
    expect(await printToPdf(halfway, html, join(dir, 'c.pdf'))).toEqual({
      ok: false,
      problem: `${halfway} could not print: exit code 1`,
    });
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
  });

  it.skipIf('problem' in chromium)('Chromium prints the AAR page to a PDF of whole pages', async () => {
    const html = join(dir, 'aar.html');
    const rows = Array.from({ length: 120 }, (_, i) => `| row ${i} | ${'long text '.repeat(8)} |`);
    await writeFile(
      html,
      afterActionHtml(['# A long AAR', '', '| a | b |', '|---|---|', ...rows].join('\n')),
    );
    const pdf = join(dir, 'aar.pdf');
    const result = await printToPdf((chromium as { path: string }).path, html, pdf);
    expect(result).toEqual({ ok: true });
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
  });
});
