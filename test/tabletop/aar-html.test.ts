import { describe, expect, test } from 'vitest';
import { afterActionHtml } from '../../src/tabletop/aar-html.ts';

const MARKDOWN = [
  '# After-action report and improvement plan — Kiosk & <portal>',
  '',
  '## Exercise overview',
  '',
  '- Exercise: drill of scenario `portal-session-reuse`, severity medium',
  '- Organisation: Riverside Clinic',
  '',
  'A patient checks appointments on the kiosk.',
  'The portal keeps the session.',
  '',
  '| Name | Role |',
  '|---|---|',
  '| Dana \\| Reyes | privacy &amp; &lt;officer&gt; |',
  '',
  '### Response against the clock',
  '',
  '```text',
  'detect-reuse   ──●┤   met in 20m',
  '<b>not markup</b>',
  '```',
  '',
  '- **Decided before the next inject:**',
  '  - T+6h — **Dana Reyes** (privacy officer): <script>alert(1)</script>',
  '  - T+7h — **Sam** (IR lead): <img src=x onerror=alert(2)>',
  '- **Controls:** detect-reuse met (20m)',
  '',
].join('\n');

describe('the AAR as a printable page', () => {
  const html = afterActionHtml(MARKDOWN);

  test('is one self-contained page: title from the first heading, print styles, no outside resources', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(
      '<title>After-action report and improvement plan — Kiosk &amp; &lt;portal&gt;</title>',
    );
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: letter;');
    expect(html).not.toMatch(/<(link|script|img)\b|https?:/);
  });

  test('headings, paragraphs, tables with escaped pipes, fenced text and nested lists keep their shape', () => {
    expect(html).toContain('<h2>Exercise overview</h2>');
    expect(html).toContain('<h3>Response against the clock</h3>');
    expect(html).toContain(
      '<li>Exercise: drill of scenario <code>portal-session-reuse</code>, severity medium</li>',
    );
    expect(html).toContain(
      '<p>A patient checks appointments on the kiosk. The portal keeps the session.</p>',
    );
    expect(html).toContain('<thead><tr><th>Name</th><th>Role</th></tr></thead>');
    expect(html).toContain('<tr><td>Dana | Reyes</td><td>privacy &amp; &lt;officer&gt;</td></tr>');
    expect(html).toContain('<pre>detect-reuse   ──●┤   met in 20m\n&lt;b&gt;not markup&lt;/b&gt;</pre>');
    expect(html).toMatch(
      /<li><strong>Decided before the next inject:<\/strong><ul><li>T\+6h — <strong>Dana Reyes<\/strong> \(privacy officer\): /,
    );
    expect(html).toContain('<li><strong>Controls:</strong> detect-reuse met (20m)</li>');
  });

  test('markup typed into a drill reaches the page as text, never as elements', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });
});
