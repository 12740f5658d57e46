/** How the content checker cuts a notice up: paragraphs for contact passages, sentences for everything else. */

export interface Sentence {
  text: string;
  start: number;
}

/** Paragraphs, with a heading line kept together with the paragraph under it. */
export function blocks(text: string): string[] {
  const merged: string[] = [];
  let heading = '';
  for (const block of text.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (trimmed === '') continue;
    // A short single line that does not end a sentence ("Questions?", "For more information") heads the next paragraph.
    if (!trimmed.includes('\n') && trimmed.length <= 60 && !/\.$/.test(trimmed)) {
      heading = `${heading}${trimmed}\n`;
      continue;
    }
    merged.push(`${heading}${trimmed}`);
    heading = '';
  }
  return heading === '' ? merged : [...merged, heading];
}

/** Sentences and lines, with their offsets so a found date can be placed in its sentence. */
export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  // A sentence ends at a stop followed by space, or at the end of a line (headings, list items).
  for (const match of text.matchAll(/[^\n]+?(?:[.!?;](?=\s|$)|(?=\n)|$)/g)) {
    if (match[0].trim() !== '') found.push({ text: match[0], start: match.index });
  }
  return found;
}

export function sentenceAt(all: readonly Sentence[], index: number): string {
  return all.findLast((sentence) => sentence.start <= index)?.text ?? '';
}
