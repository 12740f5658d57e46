/**
 * Progress of a soak. On a terminal one status line is redrawn (at most five times a second); in CI
 * a plain line at every tenth of the events, so logs stay short and readable.
 */
export function soakProgress(options: { isTTY: boolean; write(text: string): void; now(): number }): {
  update(done: number, total: number): void;
  stop(): void;
} {
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastTenth = 0;
  let drawn = false;
  const began = options.now();
  const text = (done: number, total: number) =>
    `soak: ${done}/${total} events (${Math.floor((done / Math.max(1, total)) * 100)}%) in ${Math.round((options.now() - began) / 1000)} s`;
  return {
    update(done, total) {
      if (options.isTTY) {
        if (options.now() - lastDraw < 200 && done < total) return;
        lastDraw = options.now();
        drawn = true;
        options.write(`\r\u001b[2K${text(done, total)}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(1, total)) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        options.write(`${text(done, total)}\n`);
      }
    },
    stop() {
      if (drawn) options.write('\n');
    },
  };
}
