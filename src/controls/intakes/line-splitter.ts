/** What the splitter hands back for each complete line, numbered from 1 within the current file. */
export type SplitLine = { line: number; text: string } | { line: number; tooLong: true };

/**
 * Cuts a byte stream into lines, holding a partial last line until its newline arrives. Works on
 * bytes, so a multi-byte character split across two reads is never mangled. A line longer than
 * `maxLineBytes` is reported once and skipped up to its newline instead of growing without bound.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #skipping = false;
  #line = 0;
  readonly #maxLineBytes: number;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      this.#take(chunk.subarray(start, newline), out);
      const line = ++this.#line;
      if (this.#skipping) this.#skipping = false;
      else out.push({ line, text: this.#drain() });
      start = newline + 1;
    }
    this.#take(chunk.subarray(start), out);
    return out;
  }

  /** The unterminated last line, for when its file goes away (rotation) and it can never complete. */
  end(): SplitLine[] {
    const unterminated = !this.#skipping && this.#pendingBytes > 0;
    const out: SplitLine[] = unterminated ? [{ line: ++this.#line, text: this.#drain() }] : [];
    this.reset();
    return out;
  }

  /** Forget everything: the file was truncated or replaced and numbering starts again. */
  reset(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
    this.#line = 0;
  }

  #take(part: Buffer, out: SplitLine[]): void {
    if (this.#skipping || part.length === 0) return;
    this.#pendingBytes += part.length;
    if (this.#pendingBytes > this.#maxLineBytes) {
      out.push({ line: this.#line + 1, tooLong: true });
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#skipping = true;
      return;
    }
    this.#pending.push(Buffer.from(part));
  }

  #drain(): string {
    const text = Buffer.concat(this.#pending).toString('utf8');
    this.#pending = [];
    this.#pendingBytes = 0;
    return text;
  }
}
