/**
 * Word-wraps `text` to lines of at most `width` characters (a word longer than a line is split), so
 * a table cell never loses its end to a terminal's edge.
 */
export function wrapText(text: string, width: number): string[] {
  const room = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (Array.from(rest).length > room) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      const chars = Array.from(rest);
      lines.push(chars.slice(0, room).join(''));
      rest = chars.slice(room).join('');
    }
    if (rest === '') continue;
    const joined = line === '' ? rest : `${line} ${rest}`;
    if (Array.from(joined).length <= room) line = joined;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A two-column row: `label` padded to `labelWidth`, then `text` wrapped to what is left of `width`
 * with continuation lines aligned under it. Below `minText` columns for the text, the text goes on
 * its own indented lines under the label instead (the vertical layout of a narrow terminal).
 */
export function labelledRow(
  label: string,
  text: string,
  options: { indent: string; labelWidth: number; width?: number; minText?: number },
): string[] {
  const { indent, labelWidth } = options;
  const width = options.width ?? Number.POSITIVE_INFINITY;
  const textRoom = width - indent.length - labelWidth - 1;
  if (textRoom === Number.POSITIVE_INFINITY)
    return [`${indent}${label.padEnd(labelWidth)} ${text}`.trimEnd()];
  if (textRoom >= (options.minText ?? 30) && label.length <= labelWidth) {
    const [first = '', ...more] = wrapText(text, textRoom);
    const pad = ' '.repeat(indent.length + labelWidth + 1);
    return [`${indent}${label.padEnd(labelWidth)} ${first}`.trimEnd(), ...more.map((l) => `${pad}${l}`)];
  }
  const nested = `${indent}    `;
  return [`${indent}${label}`, ...wrapText(text, width - nested.length).map((l) => `${nested}${l}`)];
}
