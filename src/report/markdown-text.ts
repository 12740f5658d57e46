/** Escaping and table rows shared by every Markdown section of the run report. */

export function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Free text from the ledger: no raw HTML, and table cells cannot hold pipes or line breaks.
 * Backslash escapes rather than entities, so the file reads the same raw as rendered (`a \& b`,
 * never `a &amp; b`).
 */
export function markdownCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\&<>|]/g, '\\$&');
}

/** Code spans show entities literally, so only pipes, line breaks and backticks are neutralised. */
export function code(text: string): string {
  return `\`${text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}
