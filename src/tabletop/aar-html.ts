/**
 * The after-action report as one self-contained HTML page for filing and printing (a browser's
 * "Print to PDF" gives the paper copy). It is rendered from the AAR's own Markdown, which this
 * module wrote and so knows the shape of: headings, paragraphs, one level of nested lists, pipe
 * tables, fenced text blocks, **bold**, `code`, and links and images to files in the run folder
 * (browser evidence: an image becomes a thumbnail linking to the full file). Nothing else is
 * interpreted; a link to anywhere but a relative path inside the folder stays plain text.
 *
 * Free text in that Markdown is entity-escaped where it came from people (table cells), but not
 * everywhere, so this renderer escapes every `<` and `>` itself: no markup typed into a drill can
 * reach the page. Entities already in the text are kept as they are.
 */
export function afterActionHtml(markdown: string): string {
  const title = /^# (.*)$/m.exec(markdown)?.[1] ?? 'After-action report';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${inline(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${blocks(markdown.split('\n')).join('\n')}
</main>
</body>
</html>
`;
}

function blocks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at]!;
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (line.trim() === '') at += 1;
    else if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      at += 1;
    } else if (line.startsWith('```')) {
      const end = lines.indexOf('```', at + 1);
      const body = lines.slice(at + 1, end < 0 ? undefined : end);
      out.push(`<pre>${body.map(escapeText).join('\n')}</pre>`);
      at = end < 0 ? lines.length : end + 1;
    } else if (line.startsWith('|')) {
      const rows = takeWhile(lines, at, (l) => l.startsWith('|'));
      out.push(table(rows));
      at += rows.length;
    } else if (line.startsWith('- ')) {
      const items = takeWhile(lines, at, (l) => l.startsWith('- ') || l.startsWith('  - '));
      out.push(list(items));
      at += items.length;
    } else {
      const paragraph = takeWhile(lines, at, (l) => l.trim() !== '' && !/^(#|```|\||- )/.test(l));
      out.push(`<p>${paragraph.map(inline).join(' ')}</p>`);
      at += paragraph.length;
    }
  }
  return out;
}

function takeWhile(lines: readonly string[], from: number, keep: (line: string) => boolean): string[] {
  const taken: string[] = [];
  for (let at = from; at < lines.length && keep(lines[at]!); at += 1) taken.push(lines[at]!);
  return taken;
}

function table(rows: readonly string[]): string {
  const [header, , ...body] = rows.map(cells);
  const head = (header ?? []).map((cell) => `<th>${inline(cell)}</th>`).join('');
  const rowsHtml = body.map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`);
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rowsHtml.join('\n')}\n</tbody>\n</table>`;
}

/** `| a | b \| c |` → `['a', 'b | c']`: pipes escaped in a cell belong to it. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function list(lines: readonly string[]): string {
  const items: { text: string; children: string[] }[] = [];
  for (const line of lines) {
    if (line.startsWith('  - ')) items.at(-1)?.children.push(line.slice(4));
    else items.push({ text: line.slice(2), children: [] });
  }
  const li = items.map(({ text, children }) => {
    const nested =
      children.length === 0 ? '' : `<ul>${children.map((c) => `<li>${inline(c)}</li>`).join('')}</ul>`;
    return `<li>${inline(text)}${nested}</li>`;
  });
  return `<ul>\n${li.join('\n')}\n</ul>`;
}

/** **bold**, `code`, links and images; everything else is text. */
function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeText(part.slice(1, -1))}</code>`
        : links(part),
    )
    .join('');
}

const LINK = /(!?)\[([^\]]*)\]\(([^)\s]*)\)/g;

/**
 * Only a relative path that stays in the run folder becomes a link: no scheme (`javascript:`,
 * `https:`), no absolute path, no `..`, so the filed page never reaches outside its own evidence.
 */
const RUN_FOLDER_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w.-]+(?:\/[\w.-]+)*$/;

function links(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, bang, label, href] = match as unknown as [string, string, string, string];
    if (!RUN_FOLDER_PATH.test(href)) continue;
    html += prose(text.slice(from, match.index));
    html += bang
      ? `<a href="${href}"><img class="thumb" src="${href}" alt="${escapeText(label).replace(/"/g, '&quot;')}" loading="lazy"></a>`
      : `<a href="${href}">${prose(label)}</a>`;
    from = match.index + whole.length;
  }
  return html + prose(text.slice(from));
}

function prose(text: string): string {
  return escapeText(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

/** `<` and `>` always; a bare `&` too, but an entity the Markdown already holds stays one. */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:[a-z]+|#\d+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #1b1f24; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #c9ced6; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c9ced6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
pre { background: #f6f8fa; border: 1px solid #d8dde3; padding: .6rem .8rem; overflow-x: auto; font-size: .8rem; line-height: 1.3; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
ul { padding-left: 1.4rem; }
img.thumb { max-width: 16rem; max-height: 10rem; border: 1px solid #c9ced6; vertical-align: middle; margin: .2rem .4rem .2rem 0; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; }
  tr, pre, li { break-inside: avoid; }
  pre { white-space: pre-wrap; }
}
@page { size: letter; margin: 0.6in 0.55in; }
`;
